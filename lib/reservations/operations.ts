import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Transaction } from "@/db";
import { reservationBookings, reservationCalendars, reservationClosures, reservationSlots } from "@/db/schema/reservations";
import { defineOperation } from "@/lib/auth/operation";
import { GuardError } from "@/lib/auth/guard";
import { isSystemAdmin } from "@/lib/auth/permissions";
import { bookSeat, cancelBooking, loadCalendar, lockBooking } from "./core";
import { minuteOfDay } from "./rules";
import { answerProblems, attendanceSchema, calendarSchema, closureSchema, staffBookSchema, staffCancelSchema } from "./validations";

async function departmentOfBooking(tx: Transaction, bookingId: string): Promise<string[]> {
  const [row] = await tx
    .select({ departmentId: reservationCalendars.departmentId })
    .from(reservationBookings)
    .innerJoin(reservationCalendars, eq(reservationCalendars.id, reservationBookings.calendarId))
    .where(eq(reservationBookings.id, bookingId));
  if (!row) throw new GuardError(404, "予約が見つかりません。");
  return [row.departmentId];
}

async function departmentOfCalendar(tx: Transaction, calendarId: string): Promise<string[]> {
  const [row] = await tx.select({ departmentId: reservationCalendars.departmentId }).from(reservationCalendars).where(eq(reservationCalendars.id, calendarId));
  if (!row) throw new GuardError(404, "予約カレンダーが見つかりません。");
  return [row.departmentId];
}

/** Counter staff book for a caller or walk-in: no LINE needed, the resident can link it later. */
export const staffBook = defineOperation({
  action: "reservation.staff_book",
  schema: staffBookSchema,
  departments: (data, tx) => departmentOfCalendar(tx, data.calendarId),
  run: async ({ data, tx, actor }) => {
    const calendar = await loadCalendar(tx, data.calendarId);
    const problems = answerProblems(calendar.questions, data.answers);
    if (Object.keys(problems).length) throw new GuardError(400, "質問への回答を確認してください。", Object.fromEntries(Object.entries(problems).map(([k, v]) => [`answers.${k}`, [v]])));
    const { booking, slot } = await bookSeat(tx, {
      calendar,
      startsAt: data.startsAt,
      channel: "counter",
      residentId: null,
      guestName: data.guestName,
      guestPhone: data.guestPhone,
      answers: data.answers,
      staffId: actor.id,
    });
    return {
      result: { bookingId: booking.id, bookingNumber: booking.bookingNumber, startsAt: slot.startsAt },
      audit: { action: "reservation.staff_book", entity: "reservation_booking", entityId: booking.id, departmentId: calendar.departmentId, after: { slotId: slot.id, channel: "counter", number: booking.bookingNumber } },
    };
  },
});

/** Cancels a booking with a reason; a LINE resident is told why in their language, and the seat goes to the waitlist. */
export const staffCancel = defineOperation({
  action: "reservation.staff_cancel",
  schema: staffCancelSchema,
  departments: (data, tx) => departmentOfBooking(tx, data.bookingId),
  run: async ({ data, tx }) => {
    const booking = await lockBooking(tx, eq(reservationBookings.id, data.bookingId));
    if (!booking) throw new GuardError(404, "予約が見つかりません。");
    if (booking.status !== "booked") throw new GuardError(409, booking.status === "cancelled" ? "この予約はすでに取り消されています。" : "受付済み・無断キャンセルの予約は取り消せません。");
    const { drafts, calendar } = await cancelBooking(tx, booking, { kind: "staff", reason: data.reason });
    return {
      result: { bookingId: booking.id },
      audit: [{ entity: "reservation_booking", entityId: booking.id, departmentId: calendar.departmentId, before: { status: booking.status }, after: { status: "cancelled", reason: data.reason } }, ...drafts],
    };
  },
});

/** On the day: checked in, or did not come (counted per resident; the calendar's limit may refuse LINE booking). */
export const recordAttendance = defineOperation({
  action: "reservation.attend",
  schema: attendanceSchema,
  departments: (data, tx) => departmentOfBooking(tx, data.bookingId),
  run: async ({ data, tx }) => {
    const booking = await lockBooking(tx, eq(reservationBookings.id, data.bookingId));
    if (!booking) throw new GuardError(404, "予約が見つかりません。");
    if (booking.status === "cancelled") throw new GuardError(409, "取り消された予約です。");
    const [slot] = await tx.select({ startsAt: reservationSlots.startsAt }).from(reservationSlots).where(eq(reservationSlots.id, booking.slotId));
    // No-shows can only be recorded once the slot has begun; check-in opens on the day.
    if (data.outcome === "no_show" && slot!.startsAt > new Date()) throw new GuardError(409, "開始時刻より前に無断キャンセルは記録できません。");
    const now = new Date();
    await tx
      .update(reservationBookings)
      .set({ status: data.outcome, attendedAt: data.outcome === "checked_in" ? now : null, updatedAt: now })
      .where(eq(reservationBookings.id, booking.id));
    const calendar = await loadCalendar(tx, booking.calendarId);
    return {
      result: { bookingId: booking.id },
      audit: { action: data.outcome === "checked_in" ? "reservation.check_in" : "reservation.no_show", entity: "reservation_booking", entityId: booking.id, departmentId: calendar.departmentId, before: { status: booking.status }, after: { status: data.outcome } },
    };
  },
});

function calendarValues(data: z.infer<typeof calendarSchema>) {
  const { dayStart, dayEnd, ...rest } = data;
  return { ...rest, description: rest.description || null, dayStartMinute: minuteOfDay(dayStart), dayEndMinute: minuteOfDay(dayEnd) };
}

export const createCalendarOperation = defineOperation({
  action: "reservation.manage",
  schema: calendarSchema,
  departments: (data) => [data.departmentId],
  run: async ({ data, tx }) => {
    const [existing] = await tx.select({ id: reservationCalendars.id }).from(reservationCalendars).where(and(eq(reservationCalendars.departmentId, data.departmentId), eq(reservationCalendars.name, data.name)));
    if (existing) throw new GuardError(409, "同じ名前の予約カレンダーがこの部署にあります。", { name: ["同じ名前の予約カレンダーがあります"] });
    const [row] = await tx.insert(reservationCalendars).values(calendarValues(data)).returning();
    return { result: { calendarId: row!.id }, audit: { action: "reservation.calendar.create", entity: "reservation_calendar", entityId: row!.id, after: data } };
  },
});

export const updateCalendarOperation = defineOperation({
  action: "reservation.manage",
  schema: calendarSchema.and(z.object({ calendarId: z.uuid() })),
  departments: async (data, tx) => [...(await departmentOfCalendar(tx, data.calendarId)), data.departmentId],
  run: async ({ data, tx }) => {
    const { calendarId, ...values } = data;
    const before = await loadCalendar(tx, calendarId).catch(() => null);
    if (!before) throw new GuardError(404, "予約カレンダーが見つかりません。");
    // Existing slots keep their capacity (bookings were made against it); new slots use the new rules.
    await tx.update(reservationCalendars).set({ ...calendarValues(values), updatedAt: new Date() }).where(eq(reservationCalendars.id, calendarId));
    return { result: { calendarId }, audit: { action: "reservation.calendar.update", entity: "reservation_calendar", entityId: calendarId, before, after: values } };
  },
});

/** A blackout date of one calendar, or a town-wide closure (年末年始) when no calendar is given. */
export const addClosure = defineOperation({
  action: "reservation.manage",
  schema: closureSchema,
  departments: async (data, tx) => (data.calendarId ? departmentOfCalendar(tx, data.calendarId) : [data.departmentId]),
  run: async ({ data, tx, actor }) => {
    // A town-wide closure stops every department's calendars: the system administrators set those.
    if (!data.calendarId && !isSystemAdmin(actor)) throw new GuardError(403, "町全体の休業日はシステム管理者が設定します。");
    const [row] = await tx.insert(reservationClosures).values({ calendarId: data.calendarId, startsOn: data.startsOn, endsOn: data.endsOn, reason: data.reason }).returning();
    return { result: { closureId: row!.id }, audit: { action: "reservation.closure.add", entity: "reservation_closure", entityId: row!.id, after: data } };
  },
});
