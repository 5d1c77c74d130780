/**
 * Which characters a Shift_JIS (CP932) batch file can hold, in one place: the writer folds by it, and the
 * pre-export check asks PostgreSQL the same question through a regular expression built from it.
 */
import iconv from "iconv-lite";
import { KANJI_VARIANTS } from "@/lib/matching/variants";

/** True when the character survives CP932 encoding unchanged. */
export function cp932Representable(ch: string): boolean {
  return iconv.decode(iconv.encode(ch, "cp932"), "cp932") === ch;
}

/** The character written for `ch`: itself, its everyday form from the variant table, or null when neither fits. */
export function shiftJisFormOf(ch: string): string | null {
  if (cp932Representable(ch)) return ch;
  const folded = KANJI_VARIANTS[ch];
  return folded !== undefined && cp932Representable(folded) ? folded : null;
}

/** The first character of `text` the Shift_JIS file cannot hold, or null. */
export function firstUnencodable(text: string): string | null {
  for (const ch of text) if (shiftJisFormOf(ch) === null) return ch;
  return null;
}

let refusalPattern: string | null = null;

/**
 * A PostgreSQL ARE that matches any text holding a character the file cannot hold: a negated bracket of every
 * representable BMP code point (found in one encode/decode pass, ~10 ms) plus the foldable variants.
 */
export function shiftJisRefusalPattern(): string {
  if (refusalPattern) return refusalPattern;
  const codePoints: number[] = [];
  let all = "";
  // NUL cannot occur in PostgreSQL text; surrogates are not characters.
  for (let cp = 1; cp <= 0xffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    codePoints.push(cp);
    all += String.fromCharCode(cp);
  }
  const roundTrip = iconv.decode(iconv.encode(all, "cp932"), "cp932");
  // Every BMP character encodes to exactly one decoded character (itself, a look-alike or "?"), so positions align.
  const aligned = roundTrip.length === all.length;
  const allowed = codePoints.filter((cp, i) => (aligned ? roundTrip[i] === all[i] : cp932Representable(String.fromCharCode(cp))));
  for (const ch of Object.keys(KANJI_VARIANTS)) if (shiftJisFormOf(ch) !== null) allowed.push(ch.codePointAt(0)!);
  allowed.sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  for (const cp of allowed) {
    const last = ranges.at(-1);
    if (last && cp <= last[1] + 1) last[1] = Math.max(last[1], cp);
    else ranges.push([cp, cp]);
  }
  const escape = (cp: number) => (cp > 0xffff ? `\\U${cp.toString(16).padStart(8, "0")}` : `\\u${cp.toString(16).padStart(4, "0")}`);
  refusalPattern = `[^${ranges.map(([from, to]) => (from === to ? escape(from) : `${escape(from)}-${escape(to)}`)).join("")}]`;
  return refusalPattern;
}

/**
 * Text → bytes in the file's encoding. Shift_JIS cannot hold every name: characters outside CP932 are folded
 * through the variant table (𠮷 → 吉); anything still unrepresentable throws with the character.
 */
export function encodeText(text: string, encoding: "utf-8" | "shift_jis"): Buffer {
  if (encoding === "utf-8") return Buffer.from(text, "utf8");
  const bytes = iconv.encode(text, "cp932");
  // iconv-lite writes "?" (0x3F) for unmappable characters, and 0x3F is never a Shift_JIS trail byte.
  if (countQuestionMarks(bytes) === text.split("?").length - 1) return bytes;
  let folded = "";
  for (const ch of text) {
    const candidate = shiftJisFormOf(ch);
    if (candidate === null) throw new UnencodableCharacterError(ch);
    folded += candidate;
  }
  return iconv.encode(folded, "cp932");
}

function countQuestionMarks(bytes: Uint8Array): number {
  let count = 0;
  for (let i = bytes.indexOf(0x3f); i >= 0; i = bytes.indexOf(0x3f, i + 1)) count++;
  return count;
}

export class UnencodableCharacterError extends Error {
  constructor(readonly character: string) {
    super(`「${character}」は Shift_JIS で表せません`);
  }
}
