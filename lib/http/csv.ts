/** CSV for the staff exports (audit log, reports, reservations, submissions, payments). */

/** Excel opens a UTF-8 CSV correctly only when it starts with a byte order mark. */
export const UTF8_BOM = "\uFEFF";

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled.
 * A leading = + - @ (or tab/CR) is defused with an apostrophe so that Excel never evaluates a cell as a formula.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}
