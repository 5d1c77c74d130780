/**
 * 和暦 (Japanese era) formatting and parsing of calendar dates. Dates are plain "YYYY-MM-DD" strings:
 * birth dates and 基準日 have no time zone, so no Date objects cross this module's boundary.
 */
import { kanjiToNumber } from "@/lib/matching/normalize";

interface Era {
  name: string;
  letter: string;
  /** First day of the era, YYYY-MM-DD. */
  start: string;
}

// Newest first. Meiji starts at the adoption of the Gregorian calendar (明治6年1月1日 = 1873-01-01 is the
// first date whose 和暦 day equals the Gregorian one); earlier Meiji dates are not accepted.
const ERAS: readonly Era[] = [
  { name: "令和", letter: "R", start: "2019-05-01" },
  { name: "平成", letter: "H", start: "1989-01-08" },
  { name: "昭和", letter: "S", start: "1926-12-25" },
  { name: "大正", letter: "T", start: "1912-07-30" },
  { name: "明治", letter: "M", start: "1868-01-25" },
];
const GREGORIAN_MEIJI_START = "1873-01-01";

export type DateParseResult = { ok: true; date: string } | { ok: false; reason: string };

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

function isoOf(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function eraOf(iso: string): Era | undefined {
  return ERAS.find((era) => iso >= era.start);
}

/** True for a real calendar date written as YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(text);
  return match !== null && isoOf(Number(match[1]), Number(match[2]), Number(match[3])) === text;
}

/** "2025-11-22" → "令和7年11月22日"; the first year of an era is 元年 unless `gannen: false`. */
export function formatWareki(iso: string, options: { gannen?: boolean } = {}): string {
  if (!isIsoDate(iso)) throw new RangeError(`日付の形式が正しくありません: ${iso}`);
  const era = eraOf(iso);
  if (!era || iso < GREGORIAN_MEIJI_START) throw new RangeError(`明治6年より前の日付は扱えません: ${iso}`);
  const [year, month, day] = iso.split("-").map(Number) as [number, number, number];
  const eraYear = year - Number(era.start.slice(0, 4)) + 1;
  const yearText = eraYear === 1 && options.gannen !== false ? "元" : String(eraYear);
  return `${era.name}${yearText}年${month}月${day}日`;
}

function toNumber(text: string): number {
  if (text === "元") return 1;
  return /^\d+$/u.test(text) ? Number(text) : (kanjiToNumber(text) ?? Number.NaN);
}

const NUM = "(\\d{1,4}|[〇一二三四五六七八九十百千]+)";
const GREGORIAN = new RegExp(`^(\\d{4})(?:[-/.]|年)${NUM}(?:[-/.]|月)${NUM}日?$`, "u");
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/u;
const ERA_PATTERN = new RegExp(
  `^(明治|大正|昭和|平成|令和|[MTSHRmtshr])\\.?(元|\\d{1,2}|[一二三四五六七八九十]+)(?:[-/.]|年)${NUM}(?:[-/.]|月)${NUM}日?$`,
  "u",
);

/**
 * Parses 1950-04-01, 1950/4/1, 1950年4月1日, 19500401, 昭和25年4月1日, 昭和二十五年四月一日, 令和元年5月1日,
 * S25.4.1, R7/2/1 (full-width characters and spaces are accepted). The era year must fall inside the era.
 */
export function parseJapaneseDate(raw: string): DateParseResult {
  const text = raw.normalize("NFKC").replace(/\s+/gu, "");
  if (text === "") return { ok: false, reason: "日付が空です" };

  const gregorian = GREGORIAN.exec(text) ?? COMPACT.exec(text);
  if (gregorian) {
    const iso = isoOf(Number(gregorian[1]), toNumber(gregorian[2]!), toNumber(gregorian[3]!));
    return iso ? { ok: true, date: iso } : { ok: false, reason: `存在しない日付です（${raw.trim()}）` };
  }

  const wareki = ERA_PATTERN.exec(text);
  if (!wareki) {
    return { ok: false, reason: `日付の形式が正しくありません（${raw.trim()}）。例: 1950-04-01、昭和25年4月1日、S25.4.1` };
  }
  const key = wareki[1]!;
  const era = ERAS.find((candidate) => candidate.name === key || candidate.letter === key.toUpperCase())!;
  const eraIndex = ERAS.indexOf(era);
  const eraYear = toNumber(wareki[2]!);
  const iso = isoOf(Number(era.start.slice(0, 4)) + eraYear - 1, toNumber(wareki[3]!), toNumber(wareki[4]!));
  if (!iso || eraYear < 1) return { ok: false, reason: `存在しない日付です（${raw.trim()}）` };
  const next = ERAS[eraIndex - 1];
  if (iso < era.start || (next && iso >= next.start) || iso < GREGORIAN_MEIJI_START) {
    return { ok: false, reason: `${era.name}の期間にない日付です（${raw.trim()}）` };
  }
  return { ok: true, date: iso };
}

/** Full years of age on `onDate` (both YYYY-MM-DD); a 2月29日 birthday counts on 3月1日 in common years. */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [y, m, d] = onDate.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
