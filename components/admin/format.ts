// Staff read dates in 和暦 and Japan time, whatever the server's or browser's time zone.
const dateTime = new Intl.DateTimeFormat("ja-JP-u-ca-japanese", {
  era: "long",
  year: "numeric",
  month: "long",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Asia/Tokyo",
});

export function formatDateTime(value: Date | string | null | undefined, fallback = "—"): string {
  if (!value) return fallback;
  return dateTime.format(typeof value === "string" ? new Date(value) : value);
}
