import "server-only";
import { z } from "zod";
import { csvLine, UTF8_BOM } from "@/lib/http/csv";
import { defineOperation } from "@/lib/auth/operation";
import { GuardError } from "@/lib/auth/guard";
import { loadCalendar } from "./core";
import { getBookingsBetween, getWeeklyFigures } from "./queries";
import { addDays, jstDate, jstInstant, jstTime } from "./rules";

const STATUS_LABELS = { booked: "予約中", checked_in: "受付済み", no_show: "無断キャンセル", cancelled: "取り消し" } as const;
const CHANNEL_LABELS = { line: "LINE", counter: "電話・窓口" } as const;

const rangeSchema = z
  .object({
    calendarId: z.uuid({ error: "予約カレンダーの指定が正しくありません" }),
    from: z.iso.date({ error: "開始日を YYYY-MM-DD で指定してください" }),
    to: z.iso.date({ error: "終了日を YYYY-MM-DD で指定してください" }),
  })
  // Only once both dates parsed: addDays on a malformed date would throw instead of refusing.
  .refine((v) => v.from <= v.to, { path: ["to"], message: "終了日は開始日以降にしてください", when: ({ issues }) => issues.length === 0 })
  .refine((v) => v.to <= addDays(v.from, 366), { path: ["to"], message: "期間は1年以内にしてください", when: ({ issues }) => issues.length === 0 });

async function calendarDepartment(tx: Parameters<NonNullable<Parameters<typeof defineOperation>[0]["departments"]>>[1], calendarId: string) {
  const calendar = await loadCalendar(tx, calendarId).catch(() => null);
  if (!calendar) throw new GuardError(404, "予約カレンダーが見つかりません。");
  return [calendar.departmentId];
}

/** The bookings of a period as CSV (UTF-8 with BOM for Excel), audited as an export of personal data. */
export const exportBookings = defineOperation({
  action: "reservation.export",
  schema: rangeSchema,
  departments: (data, tx) => calendarDepartment(tx, data.calendarId),
  run: async ({ data, tx }) => {
    const calendar = await loadCalendar(tx, data.calendarId);
    const rows = await getBookingsBetween(tx, { calendarId: calendar.id, from: jstInstant(data.from), to: jstInstant(addDays(data.to, 1)) });
    const questions = calendar.questions;
    let csv = UTF8_BOM + csvLine(["予約番号", "日付", "開始", "氏名", "電話番号", "受付経路", "LINE連携", "状態", "無断キャンセル回数", "取り消し理由", ...questions.map((q) => q.label)]);
    for (const r of rows) {
      csv += csvLine([r.bookingNumber, jstDate(r.startsAt), jstTime(r.startsAt), r.name, r.phone, CHANNEL_LABELS[r.channel], r.linked ? "あり" : "なし", STATUS_LABELS[r.status], r.noShows, r.cancelReason, ...questions.map((q) => r.answers[q.id] ?? "")]);
    }
    return {
      result: { csv, filename: `reservations-${data.from}-${data.to}.csv`, japaneseName: `${calendar.name}_予約一覧_${data.from}_${data.to}.csv` },
      audit: { action: "reservation.export.bookings", entity: "reservation_calendar", entityId: calendar.id, after: { from: data.from, to: data.to, rows: rows.length } },
    };
  },
});

const figuresSchema = z.object({
  calendarId: z.uuid({ error: "予約カレンダーの指定が正しくありません" }),
  from: z.iso.date({ error: "開始日を YYYY-MM-DD で指定してください" }),
  weeks: z.number({ error: "週の数を指定してください" }).int({ error: "週の数は整数で指定してください" }).min(1, { error: "週の数は1以上にしてください" }).max(53, { error: "週の数は53以下にしてください" }),
});

export const exportFigures = defineOperation({
  action: "reservation.export",
  schema: figuresSchema,
  departments: (data, tx) => calendarDepartment(tx, data.calendarId),
  run: async ({ data, tx }) => {
    const calendar = await loadCalendar(tx, data.calendarId);
    const weeks = await getWeeklyFigures(tx, { calendar, from: data.from, weeks: data.weeks });
    let csv = UTF8_BOM + csvLine(["週（月曜日）", "予約", "取り消し", "無断キャンセル", "定員", "利用（取り消し以外）", "充足率(%)"]);
    for (const w of weeks) csv += csvLine([w.weekStart, w.bookings, w.cancellations, w.noShows, w.seats, w.filled, (w.fillRate * 100).toFixed(1)]);
    return {
      result: { csv, filename: `reservation-figures-${data.from}.csv`, japaneseName: `${calendar.name}_週別集計_${data.from}.csv` },
      audit: { action: "reservation.export.figures", entity: "reservation_calendar", entityId: calendar.id, after: { from: data.from, weeks: data.weeks } },
    };
  },
});
