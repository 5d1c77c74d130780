import { formatWareki } from "./wareki";

const isoParts = new Intl.DateTimeFormat("en-CA", {
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
  timeZone: "Asia/Tokyo",
});

/** 2026-04-01 09:05:00 in Japan time: a form Excel reads as a date and time. */
export function formatJstDateTime(date: Date): string {
  const parts = Object.fromEntries(isoParts.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** 令和8年4月1日 09:05:00 (Japan time, 24-hour clock). */
export function formatWarekiDateTime(date: Date): string {
  const [day, time] = formatJstDateTime(date).split(" ") as [string, string];
  return `${formatWareki(day)} ${time}`;
}

/** Today's date in Japan time as YYYY-MM-DD. */
export function jstToday(now = new Date()): string {
  return formatJstDateTime(now).slice(0, 10);
}
