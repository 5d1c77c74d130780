import { z } from "zod";
import { BOOKING_STATUSES, CALENDAR_KINDS, type BookingQuestion } from "@/db/schema/reservations";
import { safeText } from "@/lib/validation/text";

const uuid = (label: string) => z.uuid({ error: `${label}の指定が正しくありません` });
const instant = z.iso.datetime({ offset: true, error: "日時の形式が正しくありません" }).transform((value) => new Date(value));
const answers = z.record(safeText({ label: "質問の番号", max: 40 }), safeText({ label: "回答", max: 200 })).default({});

export const bookSlotSchema = z.object({ calendarId: uuid("予約カレンダー"), startsAt: instant, answers });
export const bookingIdSchema = z.object({ bookingId: uuid("予約") });
export const waitlistIdSchema = z.object({ waitlistId: uuid("キャンセル待ち") });
export const offerTokenSchema = z.object({ token: safeText({ label: "案内コード", min: 16, max: 64 }).regex(/^[A-Za-z0-9_-]+$/, "案内コードの形式が正しくありません") });
export const linkBookingSchema = z.object({
  bookingNumber: safeText({ label: "予約番号", min: 1, max: 12 }).transform((v) => v.toUpperCase()).pipe(z.string().regex(/^R\d{7}$/, "予約番号は R と7けたの数字です")),
  phoneLast4: safeText({ label: "電話番号の下4けた", min: 4, max: 4 }).regex(/^\d{4}$/, "電話番号の下4けたは数字4つです"),
});

/** Staff: book for a caller or walk-in (no LINE needed). */
export const staffBookSchema = z.object({
  calendarId: uuid("予約カレンダー"),
  startsAt: instant,
  guestName: safeText({ label: "氏名", min: 1, max: 60 }),
  guestPhone: safeText({ label: "電話番号", min: 10, max: 15 }).regex(/^[0-9-]+$/, "電話番号は数字とハイフンで入力してください"),
  answers,
});
export const staffCancelSchema = z.object({ bookingId: uuid("予約"), reason: safeText({ label: "取り消しの理由", min: 2, max: 200 }) });
export const attendanceSchema = z.object({ bookingId: uuid("予約"), outcome: z.enum(["checked_in", "no_show"], { error: "受付結果を選んでください" }) });

const questionSchema = z.object({
  id: safeText({ label: "質問の番号", min: 1, max: 40 }).regex(/^[a-z0-9_-]+$/, "質問の番号は英小文字・数字・_・- で入力してください"),
  label: safeText({ label: "質問", min: 1, max: 100 }),
  required: z.boolean(),
  options: z.array(safeText({ label: "選択肢", min: 1, max: 60 })).max(20).optional(),
});

const hhmm = (label: string) => safeText({ label, min: 5, max: 5 }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, `${label}は 09:00 の形で入力してください`);

export const calendarSchema = z
  .object({
    departmentId: uuid("担当部署"),
    name: safeText({ label: "名称", min: 1, max: 60 }),
    kind: z.enum(CALENDAR_KINDS, { error: "種類を選んでください" }),
    location: safeText({ label: "場所", min: 1, max: 100 }),
    description: safeText({ label: "説明", max: 500, multiline: true }).optional(),
    weekdays: z.array(z.number().int().min(0).max(6)).min(1, "受け付ける曜日を1つ以上選んでください"),
    dayStart: hhmm("開始時刻"),
    dayEnd: hhmm("終了時刻"),
    slotMinutes: z.number().int().min(5, "枠の長さは5分以上です").max(720, "枠の長さは720分以内です"),
    capacity: z.number().int().min(1, "定員は1以上です").max(10000, "定員は10000以内です"),
    skipHolidays: z.boolean(),
    opensDaysBefore: z.number().int().min(1).max(400),
    closesHoursBefore: z.number().int().min(0).max(720),
    cancelHoursBefore: z.number().int().min(0).max(720),
    perResidentLimit: z.number().int().min(1).max(50),
    noShowLimit: z.number().int().min(1).max(50).nullable(),
    reminderHour: z.number().int().min(0).max(23),
    waitlistOfferMinutes: z.number().int().min(5).max(10080),
    questions: z.array(questionSchema).max(10),
    requiresJpki: z.boolean(),
  })
  .refine((v) => v.dayStart < v.dayEnd, { path: ["dayEnd"], message: "終了時刻は開始時刻より後にしてください" });

export const closureSchema = z
  .object({
    calendarId: uuid("予約カレンダー").nullable(),
    startsOn: z.iso.date({ error: "開始日を YYYY-MM-DD で入力してください" }),
    endsOn: z.iso.date({ error: "終了日を YYYY-MM-DD で入力してください" }),
    reason: safeText({ label: "理由", min: 1, max: 60 }),
    /** Town-wide closures belong to the department that manages them (audit scope). */
    departmentId: uuid("担当部署"),
  })
  .refine((v) => v.startsOn <= v.endsOn, { path: ["endsOn"], message: "終了日は開始日以降にしてください" });

export const bookingStatusFilter = z.enum(BOOKING_STATUSES).optional();

/** Checks answers against the calendar's questions: required ones answered, choices among the options. */
export function answerProblems(questions: BookingQuestion[], given: Record<string, string>): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const key of Object.keys(given)) if (!questions.some((q) => q.id === key)) problems[key] = "この質問はありません";
  for (const question of questions) {
    const value = given[question.id]?.trim() ?? "";
    if (question.required && !value) problems[question.id] = `「${question.label}」に答えてください`;
    else if (value && question.options && !question.options.includes(value)) problems[question.id] = `「${question.label}」は選択肢から選んでください`;
  }
  return problems;
}
