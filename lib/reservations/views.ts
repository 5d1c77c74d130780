import "server-only";
import { z } from "zod";
import { GuardError } from "@/lib/auth/guard";
import { defineOperation } from "@/lib/auth/operation";
import { loadCalendar } from "./core";
import { getBookingsBetween, getMonthView } from "./queries";
import { addDays, jstInstant } from "./rules";

/** A day's bookings with names and phone numbers: personal data, so read through the guard and audited. */
export const viewDayBookings = defineOperation({
  action: "reservation.view",
  schema: z.object({ calendarId: z.uuid({ error: "予約カレンダーの指定が正しくありません" }), date: z.iso.date({ error: "日付の形式が正しくありません" }) }),
  departments: async (data, tx) => {
    const calendar = await loadCalendar(tx, data.calendarId).catch(() => null);
    if (!calendar) throw new GuardError(404, "予約カレンダーが見つかりません。");
    return [calendar.departmentId];
  },
  run: async ({ data, tx }) => {
    const calendar = await loadCalendar(tx, data.calendarId);
    const [bookings, month] = await Promise.all([
      getBookingsBetween(tx, { calendarId: calendar.id, from: jstInstant(data.date), to: jstInstant(addDays(data.date, 1)) }),
      getMonthView(tx, { calendar, month: data.date.slice(0, 7) }),
    ]);
    const day = month.find((d) => d.date === data.date)!;
    return {
      result: { calendar, bookings, day },
      audit: { action: "reservation.view_day", entity: "reservation_calendar", entityId: calendar.id, after: { date: data.date, bookings: bookings.length } },
    };
  },
});
