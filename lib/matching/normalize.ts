/**
 * The one module for address and name normalisation (JPKI 基本4情報 ⇄ roster matching, counter search,
 * fuzzy duplicate detection). Everything here is pure and synchronous; keys are for comparing, never for display.
 *
 * Address equivalences (documented decisions):
 * - NFKC (full/half width), variant kanji (./variants.ts), IVS selectors dropped, all whitespace ignored except
 *   that a space between two numbers ends the block ("11-1 101" = block 11-1, building 101).
 * - Kanji numerals become digits where they are numbers of the address (before 丁目/番地/番/号/条/線, next to a
 *   hyphen or の, or after 丁目/番地/条…); place names such as 三笠市, 七飯町, 十勝 keep their kanji.
 * - 丁目, 丁, 番地, 番, 号 (as house-number suffix), の/ノ/之 between numbers and every hyphen-like character become
 *   one "-": 2丁目11番地1 = 2丁目11番1号 = 2-11-1 = ２－１１－１.
 * - Hokkaido grid addresses keep 条 and 線 (and rural 区, Tohoku 地割), which name places, not separators:
 *   3条東2丁目11番1号 = 三条東二丁目11-1 = 3条東2-11-1. Dropping 条 between a number and a direction is the
 *   Sapporo-style abbreviation and is equivalent: 3東2-11-1 = 3-東2-11-1 = 3条東2-11-1 (北1西2 = 北1条西2).
 *   A bare 3-2-11-1 is NOT equivalent (the direction is lost). 号 before a 線 (東神楽町14号北1線) is a grid line
 *   name and is kept.
 * - The town's prefecture, county (郡) and municipality are optional prefixes (given by a TownProfile), as are
 *   大字/字 and a leading postal code.
 * - Asahikawa's streets keep 通 and the 右/左 side: 4条通8丁目右1号 = 四条通り八丁目右一号 = 4条通8右1, which is
 *   not 4条8-1. 号線 (12号線) is a grid line like 線. 霞ヶ関 = 霞ケ関 = 霞が関 = 霞ガ関 and 一の沢 = 一ノ沢 (between kanji).
 * - The building / room after the block is kept separately, its room number apart: two rooms of one building are
 *   different places ("none"); the same room is the same place whatever the building is called, and
 *   "111-101" = "111 コーポ○○101号室". A room on one side only is "partial" (a candidate for staff, never an automatic
 *   match), and so is "2-11-1-101" against "2-11-1" (a room cannot be told apart from a 4-level block).
 */
import { foldCharacters, foldKanaToHiragana, foldKanjiJoiners } from "./characters";
import { nameSimilarity, type PersonName } from "./names";

export * from "./names";

/** Where the roster lives; its names may be omitted from addresses typed by residents and staff. */
export interface TownProfile {
  prefecture: string;
  /** 郡, e.g. 上川郡; absent for cities and Tokyo wards. */
  county?: string;
  municipality: string;
}

export const TOMA_TOWN: TownProfile = { prefecture: "北海道", county: "上川郡", municipality: "当麻町" };
export const ABIRA_TOWN: TownProfile = { prefecture: "北海道", county: "勇払郡", municipality: "安平町" };

// Hyphen-likes that are never letters: hyphen, dashes, minus, box-drawing lines, small/full-width hyphen-minus.
const HYPHENS = /[\u002D\u02D7\u2010-\u2015\u2043\u2212\u2500\u2501\u2796\uFE58\uFE63\uFF0D]/gu;
const KANJI_DIGITS: Readonly<Record<string, number>> = {
  〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const KANJI_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };
const KANJI_NUMERAL_RUN = /[〇零一二三四五六七八九十百千]+/gu;
const NUMERAL_CHAR = "0-9〇零一二三四五六七八九十百千";
// A kanji numeral run is an address number when one of these follows it...
const NUMBER_UNIT_AFTER = new RegExp(`^(?:丁目|丁|番地|番|号|条|線|地割|区|-|[のノ之][${NUMERAL_CHAR}]|$)`, "u");
// ...or one of these precedes it.
const NUMBER_CONTEXT_BEFORE = /(?:\d|-|番地[のノ之]?|番|丁目[右左]?|条通?[東西南北]?|線|\d[のノ之])$/u;

/** Parse a kanji numeral (二十三, 百五, 二〇三) to a number; null when it is not a well-formed numeral. */
export function kanjiToNumber(text: string): number | null {
  if (text.length === 0) return null;
  if (!/[十百千]/u.test(text)) {
    let digits = "";
    for (const ch of text) {
      const digit = KANJI_DIGITS[ch];
      if (digit === undefined) return null;
      digits += String(digit);
    }
    return Number(digits);
  }
  let total = 0;
  let current: number | null = null;
  let lastUnit = Infinity;
  for (const ch of text) {
    const digit = KANJI_DIGITS[ch];
    if (digit !== undefined) {
      if (current !== null) return null; // 二三十 is not a numeral
      current = digit;
      continue;
    }
    const unit = KANJI_UNITS[ch];
    if (unit === undefined || unit >= lastUnit) return null; // 十百 / 十十 are not numerals
    total += (current ?? 1) * unit;
    current = null;
    lastUnit = unit;
  }
  return total + (current ?? 0);
}

function unifyHyphens(text: string): string {
  // ー / ｰ are katakana letters (コーポ) except between two numerals, where people use them as dashes.
  return text
    .replace(HYPHENS, "-")
    .replace(new RegExp(`(?<=[${NUMERAL_CHAR}]\\s*)[ーｰ](?=\\s*[${NUMERAL_CHAR}])`, "gu"), "-");
}

function convertKanjiNumerals(text: string): string {
  return text.replace(KANJI_NUMERAL_RUN, (run: string, offset: number) => {
    const before = text.slice(0, offset).replace(/\s+$/u, "");
    const after = text.slice(offset + run.length).replace(/^\s+/u, "");
    // 北一西二: a numeral between two directions is the abbreviated Sapporo-style 条/丁目 pair.
    const betweenDirections = /[東西南北]$/u.test(before) && /^(?:[東西南北]|$)/u.test(after);
    if (!NUMBER_UNIT_AFTER.test(after) && !NUMBER_CONTEXT_BEFORE.test(before) && !betweenDirections) return run;
    const value = kanjiToNumber(run);
    return value === null ? run : String(value);
  });
}

/** Text steps every address part goes through before structure is read. */
function prepareAddressText(raw: string): string {
  const spaced = foldCharacters(raw).replace(/\s+/gu, " ").trim().replace(/条通り/gu, "条通");
  const folded = foldKanjiJoiners(convertKanjiNumerals(unifyHyphens(spaced)));
  // A space between two numbers ends the block; other spaces carry no meaning.
  return folded.replace(/(?<=\d) +(?=\d)/gu, "|").replace(/ /gu, "");
}

// The town's prefecture, county and municipality, prepared once: every address comparison strips them.
const preparedPrefixes = new Map<string, string>();

function stripPrefix(text: string, prefix: string | undefined): string {
  if (!prefix) return text;
  let prepared = preparedPrefixes.get(prefix);
  if (prepared === undefined) {
    prepared = prepareAddressText(prefix);
    if (preparedPrefixes.size < 64) preparedPrefixes.set(prefix, prepared);
  }
  return prepared && text.startsWith(prepared) ? text.slice(prepared.length) : text;
}

function stripTownPrefixes(text: string, town: TownProfile | undefined): string {
  let rest = text.replace(/^〒?\d{3}-?\d{4}/u, "");
  if (town) {
    rest = stripPrefix(rest, town.prefecture);
    rest = stripPrefix(rest, town.county);
    rest = stripPrefix(rest, town.municipality);
  }
  return rest.replace(/^大?字/u, "");
}

const LINK =
  "(?:丁目|丁|番地[のノ之]?|番|号線[東西南北]?|号(?=[東西南北]?\\d+線)|[-のノ之]|条通|条[東西南北]?|線[東西南北]?|区|地割|[東西南北右左](?=\\d))";
const BLOCK_CHAIN = new RegExp(`\\d+(?:${LINK}+\\d+)*(?:丁目|番地|番|号線|号(?![室棟])|条通|条|線|区|地割|-)?`, "u");
// Place-naming units that survive as written (a "-" on either side of them is dropped).
const NAMED_UNITS = /-?(条通|条|号線|線|区|地割)-?/gu;

function canonicalBlockNumbers(chain: string): string {
  return chain
    .replace(/\d+/gu, (digits) => String(Number(digits))) // 011 = 11
    .replace(/(\d)-?([東西南北])(?=\d)/gu, "$1条$2") // 3-東2 / 3東2 = 3条東2
    .replace(/号(?=線|[東西南北]?\d+線)/gu, "\u0000") // grid 号 and 号線 survive the next step
    .replace(/丁目|丁|番地[のノ之]?|番|号|[のノ之]/gu, "-")
    .replace(/\u0000/gu, "号")
    .replace(/-+/gu, "-")
    .replace(NAMED_UNITS, "$1")
    .replace(/-?([右左])(?=\d)/gu, "$1") // Asahikawa: 8丁目右1号 = 8右1
    .replace(/-$/u, "");
}

function canonicalBuilding(rest: string): string {
  return foldKanaToHiragana(rest.replace(/^[|\-]+/u, ""))
    .replace(/[・,、。．.()（）「」'"]/gu, "")
    .replace(/(号室|号|室)$/u, "")
    .replace(/\|/gu, "-");
}

export interface NormalizedAddress {
  /** Locality and block numbers, e.g. "3条東2-11-1" (town prefixes removed when a TownProfile is given). */
  block: string;
  /** Building and room after the block, kana folded, e.g. "こーぽ当麻101"; "" when none. */
  building: string;
  /** The room number ending the building part ("101" of コーポ当麻101号室); "" when none. */
  room: string;
}

// Recently normalized addresses: a filing normalizes the pair its check-your-answers page normalized a moment before.
const recentAddresses = new Map<string, Readonly<NormalizedAddress>>();
const RECENT_ADDRESSES_MAX = 4096;

export function normalizeAddress(raw: string, town?: TownProfile): Readonly<NormalizedAddress> {
  const key = town ? `${town.prefecture}\u0000${town.county ?? ""}\u0000${town.municipality}\u0000${raw}` : raw;
  let normalized = recentAddresses.get(key);
  if (normalized) {
    recentAddresses.delete(key);
  } else {
    normalized = Object.freeze(normalizeAddressText(raw, town));
    if (recentAddresses.size >= RECENT_ADDRESSES_MAX) recentAddresses.delete(recentAddresses.keys().next().value!);
  }
  recentAddresses.set(key, normalized);
  return normalized;
}

function normalizeAddressText(raw: string, town?: TownProfile): NormalizedAddress {
  const text = stripTownPrefixes(prepareAddressText(raw), town);
  const chain = BLOCK_CHAIN.exec(text);
  if (!chain) return { block: text.replace(/\|/gu, ""), building: "", room: "" };
  const rest = text.slice(chain.index + chain[0].length);
  let block = text.slice(0, chain.index) + canonicalBlockNumbers(chain[0]);
  let building = canonicalBuilding(rest);
  // "11-1-101号室": the number that 号室 ends is the room, not a fourth block level.
  const roomInChain = /^(?:号室|室)/u.test(rest) ? /-(\d+)$/u.exec(block) : null;
  if (roomInChain && building === "") {
    block = block.slice(0, roomInChain.index);
    building = roomInChain[1]!;
  }
  return { block, building, room: /(\d+)$/u.exec(building)?.[1] ?? "" };
}

/** Key of the household's block (building ignored): equal keys = same place. */
export function addressKey(raw: string, town?: TownProfile): string {
  return normalizeAddress(raw, town).block;
}

export type AddressComparison = "exact" | "block" | "partial" | "none";

function compareNormalized(left: NormalizedAddress, right: NormalizedAddress): AddressComparison {
  if (left.block === right.block) {
    if (left.room && right.room) return left.room !== right.room ? "none" : left.building === right.building ? "exact" : "block";
    if (left.room || right.room) return "partial";
    return left.building === right.building ? "exact" : "block";
  }
  const [shorter, longer] = left.block.length < right.block.length ? [left, right] : [right, left];
  if (shorter.block.length === 0 || !/\d$/u.test(shorter.block) || !longer.block.startsWith(`${shorter.block}-`)) return "none";
  // "111-101" against "111 コーポ101号室": the extra block level is the other side's room.
  const extra = longer.block.slice(shorter.block.length + 1);
  if (!shorter.room || longer.room) return "partial";
  return extra === shorter.room ? "block" : /^\d+$/u.test(extra) ? "none" : "partial";
}

/**
 * exact: block, building and room equal; block: the same place written differently (building name differs or is
 * missing on one side, or a room written as a block level); partial: a room on one side only, or one block
 * extends the other by whole "-" segments (2-11-1-101); none: different places, rooms of one building included.
 */
export function compareAddresses(a: string, b: string, town?: TownProfile): AddressComparison {
  return compareNormalized(normalizeAddress(a, town), normalizeAddress(b, town));
}

export interface DuplicateCandidate extends PersonName {
  id: string;
  address: string;
}

/** The block one level up of a block ending in a "-N" part ("111-101" → "111"), where N may be the other side's room. */
export function parentBlock(block: string): string | null {
  const match = /^(.*\d)-\d+$/u.exec(block);
  return match ? match[1]! : null;
}

/**
 * Whether two addresses may be one home, for duplicate grouping and merging: at one block, anything but two
 * different rooms; across blocks, only a room written as a trailing "-N" part ("111-101" = "111 コーポ101号室").
 */
export function mayBeSamePlace(left: NormalizedAddress, right: NormalizedAddress): boolean {
  const comparison = compareNormalized(left, right);
  return left.block === right.block ? comparison !== "none" : comparison === "block";
}

/**
 * Groups records that may be one home (mayBeSamePlace) and whose names are at least `threshold` similar
 * (transitively). Groups of one are left out. Threshold 0 groups everything at the same address.
 */
export function groupFuzzyDuplicates(
  records: readonly DuplicateCandidate[],
  options: { town?: TownProfile; threshold?: number } = {},
): string[][] {
  const threshold = options.threshold ?? 0.8;
  const places = records.map((record) => normalizeAddress(record.address, options.town));
  const byBlock = new Map<string, number[]>();
  places.forEach((place, i) => byBlock.set(place.block, [...(byBlock.get(place.block) ?? []), i]));
  const parent = records.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  const consider = (i: number, j: number) => {
    // Two rooms of one building are two homes: never the same filing twice.
    if (!mayBeSamePlace(places[i]!, places[j]!)) return;
    if (nameSimilarity(records[i]!, records[j]!) >= threshold) parent[root(j)] = root(i);
  };
  for (const [block, members] of byBlock) {
    for (let a = 0; a < members.length; a++) for (let b = a + 1; b < members.length; b++) consider(members[a]!, members[b]!);
    // "111-101" beside "111 コーポ101号室": the block one level up may hold the same room.
    const up = parentBlock(block);
    const above = up === null ? undefined : byBlock.get(up);
    if (above) for (const i of members) for (const j of above) consider(Math.min(i, j), Math.max(i, j));
  }
  const clusters = new Map<number, string[]>();
  records.forEach((record, i) => clusters.set(root(i), [...(clusters.get(root(i)) ?? []), record.id]));
  return [...clusters.values()].filter((ids) => ids.length > 1);
}
