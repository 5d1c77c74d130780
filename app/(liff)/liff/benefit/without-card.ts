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

/** What the resident typed, to put back in the form after a refusal: only the characters a code may hold, bounded. */
export function typedReference(value: string | undefined): string {
  const text = (value ?? "").trim();
  return /^[0-9A-Za-z\- ]{1,24}$/.test(text) ? text : "";
}

/** The return trip to the reference step with a known problem, keeping what was typed and chosen. */
export function referenceRetryQuery(error: string, typed: { ref?: string; by?: string; bm?: string; bd?: string }): string {
  const keep = Object.entries({ ref: typedReference(typed.ref), by: typed.by, bm: typed.bm, bd: typed.bd }).filter(
    (entry): entry is [string, string] => typeof entry[1] === "string" && /^[0-9A-Za-z\- ]{1,24}$/.test(entry[1]),
  );
  return new URLSearchParams([["error", error], ...keep]).toString();
}
