import { randomInt } from "node:crypto";

// Crockford's base32 without I, L, O, U: read aloud over a counter or the phone without confusion.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A reference such as P-20261201-7F3K9Q: a prefix, the date in Japan and six random characters. */
export function newReference(prefix: string, at = new Date()): string {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit" }).format(at).replaceAll("-", "");
  let tail = "";
  for (let i = 0; i < 6; i++) tail += ALPHABET[randomInt(ALPHABET.length)];
  return `${prefix}-${day}-${tail}`;
}
