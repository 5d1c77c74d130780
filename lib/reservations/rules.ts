/**
 * Calendar rules as pure functions: which days and slots exist, and when booking and cancelling are allowed.
 * Times are JST (UTC+9, no daylight saving); dates cross this module as "YYYY-MM-DD" strings.
 */
import { publicHoliday, type HolidaySource } from "./holidays";

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

export type CalendarRules = {
  weekdays: number[];
  dayStartMinute: number;
  dayEndMinute: number;
  slotMinutes: number;
  capacity: number;
  skipHolidays: boolean;
  opensDaysBefore: number;
  closesHoursBefore: number;
  cancelHoursBefore: number;
};

export type Closure = { calendarId: string | null; startsOn: string; endsOn: string; reason: string };

/** The JST calendar date of an instant. */
export function jstDate(at: Date): string {
  return new Date(at.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Minutes after JST midnight of an instant, as "HH:MM". */
export function jstTime(at: Date): string {
  return new Date(at.getTime() + JST_OFFSET_MS).toISOString().slice(11, 16);
}

/** The instant of a JST date at a minute of the day. */
export function jstInstant(iso: string, minuteOfDay = 0): Date {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) - JST_OFFSET_MS + minuteOfDay * 60_000);
}

export function addDays(iso: string, days: number): string {
  return new Date(jstInstant(iso).getTime() + JST_OFFSET_MS + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(iso: string): number {
  return new Date(`${iso}T00:00:00Z`).getUTCDay();
}

/** Every date of a month, "YYYY-MM" → ["YYYY-MM-01", …]. */
export function datesOfMonth(month: string): string[] {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: days }, (_, i) => `${month}-${String(i + 1).padStart(2, "0")}`);
}

export function minuteOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  return h * 60 + m;
}

export function hhmmOf(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

export type DayClosure = { kind: "weekday" } | { kind: "holiday"; name: string } | { kind: "closure"; reason: string };

/** Why nobody can book on this date, or null when the calendar is open that day. */
export function dayClosure(calendar: { id?: string } & Pick<CalendarRules, "weekdays" | "skipHolidays">, iso: string, closures: Closure[], holidays?: HolidaySource): DayClosure | null {
  const closure = closures.find((c) => (c.calendarId === null || c.calendarId === calendar.id) && c.startsOn <= iso && iso <= c.endsOn);
  if (closure) return { kind: "closure", reason: closure.reason };
  if (!calendar.weekdays.includes(weekdayOf(iso))) return { kind: "weekday" };
  if (calendar.skipHolidays) {
    const holiday = publicHoliday(iso, holidays);
    if (holiday) return { kind: "holiday", name: holiday.name };
  }
  return null;
}

/** The slots the rules make on an open date: start and end instants. */
export function slotTimesOf(calendar: Pick<CalendarRules, "dayStartMinute" | "dayEndMinute" | "slotMinutes">, iso: string): { startsAt: Date; endsAt: Date }[] {
  const slots: { startsAt: Date; endsAt: Date }[] = [];
  for (let start = calendar.dayStartMinute; start + calendar.slotMinutes <= calendar.dayEndMinute; start += calendar.slotMinutes) {
    slots.push({ startsAt: jstInstant(iso, start), endsAt: jstInstant(iso, start + calendar.slotMinutes) });
  }
  return slots;
}

export type WindowState = "not_open" | "open" | "closed";

/** Booking opens N days before the slot's date (at JST midnight) and closes M hours before its start. */
export function bookingWindow(calendar: Pick<CalendarRules, "opensDaysBefore" | "closesHoursBefore">, startsAt: Date, now: Date): WindowState {
  const opensAt = jstInstant(addDays(jstDate(startsAt), -calendar.opensDaysBefore));
  const closesAt = new Date(startsAt.getTime() - calendar.closesHoursBefore * HOUR_MS);
  if (now < opensAt) return "not_open";
  if (now >= closesAt) return "closed";
  return "open";
}

export function bookingOpensOn(calendar: Pick<CalendarRules, "opensDaysBefore">, startsAt: Date): string {
  return addDays(jstDate(startsAt), -calendar.opensDaysBefore);
}

/** Residents may cancel until `cancelHoursBefore` hours before the start. */
export function cancelDeadline(calendar: Pick<CalendarRules, "cancelHoursBefore">, startsAt: Date): Date {
  return new Date(startsAt.getTime() - calendar.cancelHoursBefore * HOUR_MS);
}

/** When the reminder is due: the day before the slot, at the calendar's hour (JST). */
export function reminderDueAt(reminderHour: number, startsAt: Date): Date {
  return jstInstant(addDays(jstDate(startsAt), -1), reminderHour * 60);
}

/** Does a requested start fall exactly on one of the rules' slots on an open date? */
export function isRuleSlot(calendar: { id?: string } & CalendarRules, startsAt: Date, closures: Closure[], holidays?: HolidaySource): boolean {
  const iso = jstDate(startsAt);
  if (dayClosure(calendar, iso, closures, holidays)) return false;
  return slotTimesOf(calendar, iso).some((slot) => slot.startsAt.getTime() === startsAt.getTime());
}

/** Monday (JST) of the week holding this date: the key the weekly figures group by. */
export function weekStartOf(iso: string): string {
  const weekday = weekdayOf(iso);
  return addDays(iso, weekday === 0 ? -6 : 1 - weekday);
}

/** "2026-01" shifted by `by` months. */
export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + by, 1)).toISOString().slice(0, 7);
}
