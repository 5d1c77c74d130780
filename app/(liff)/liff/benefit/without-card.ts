/** The head's birth date on programs filed without the card: three selects in the page, one ISO date in the URL. */

/** Newest first, back to 1900: residents over 100 still head households. */
export function birthYears(now = new Date()): number[] {
  const newest = now.getFullYear();
  return Array.from({ length: newest - 1900 + 1 }, (_, i) => newest - i);
}

/** YYYY-MM-DD from the three selects, or null when a part is missing or the day does not exist (2月30日). */
export function birthDateFromParts(year?: string, month?: string, day?: string): string | null {
  if (!/^\d{4}$/.test(year ?? "") || !/^\d{1,2}$/.test(month ?? "") || !/^\d{1,2}$/.test(day ?? "")) return null;
  const [y, m, d] = [Number(year), Number(month), Number(day)];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${year}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}
