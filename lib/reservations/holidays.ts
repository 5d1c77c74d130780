import holidayJp from "@holiday-jp/holiday_jp";

/** Where public holidays come from: the maintained @holiday-jp data, keyed "YYYY-MM-DD". */
export type HolidaySource = { lookup: (iso: string) => string | null; lastKnownYear: number };

const table = holidayJp.holidays as unknown as Record<string, { name: string } | undefined>;
const keys = Object.keys(table);

export const HOLIDAY_JP: HolidaySource = {
  lookup: (iso) => table[iso]?.name ?? null,
  lastKnownYear: Number(keys[keys.length - 1]?.slice(0, 4) ?? 0),
};

// Fixed-date holidays of the current law: the fallback past the package's data, so a calendar years ahead
// still skips 元日 or 文化の日 rather than failing (Monday holidays and equinoxes need the package's data).
const FIXED: Record<string, string> = {
  "01-01": "元日",
  "02-11": "建国記念の日",
  "02-23": "天皇誕生日",
  "04-29": "昭和の日",
  "05-03": "憲法記念日",
  "05-04": "みどりの日",
  "05-05": "こどもの日",
  "08-11": "山の日",
  "11-03": "文化の日",
  "11-23": "勤労感謝の日",
};

/**
 * The public holiday on a JST date, or null. Past the source's data, or if the source throws, the fixed-date
 * rule answers (`estimated: true`) instead of breaking the calendar.
 */
export function publicHoliday(iso: string, source: HolidaySource = HOLIDAY_JP): { name: string; estimated: boolean } | null {
  const year = Number(iso.slice(0, 4));
  if (year <= source.lastKnownYear) {
    try {
      const name = source.lookup(iso);
      return name ? { name, estimated: false } : null;
    } catch {
      // fall through to the fixed dates
    }
  }
  const fixed = FIXED[iso.slice(5)];
  return fixed ? { name: fixed, estimated: true } : null;
}
