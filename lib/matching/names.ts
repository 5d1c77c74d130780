/** Name keys and similarity: register spelling, kanji and kana keys, and the fuzzy score used for duplicates. */
import { foldCharacters, foldKanaToHiragana, foldKanaToKatakana, foldKanjiJoiners } from "./characters";

/**
 * A name as the register spells it, for letters and screens: variant kanji (髙, 﨑) are kept, only the spacing is
 * tidied (full- or half-width, one space between parts). Matching uses nameKey, never this.
 */
export function tidyName(raw: string): string {
  return raw.normalize("NFC").replace(/[\s\u3000]+/gu, " ").trim();
}

/** Name folded for comparison: NFKC, variant kanji, one half-width space between parts. */
export function normalizeName(raw: string): string {
  return foldCharacters(raw).replace(/\s+/gu, " ").trim();
}

/** Matching key of a name: no spaces, 一ノ瀬 = 一の瀬 = 一之瀬, 霞ケ関 = 霞ヶ関 = 霞が関, さくら = サクラ. */
export function nameKey(raw: string): string {
  return foldKanaToKatakana(foldKanjiJoiners(normalizeName(raw).replace(/ /gu, "")));
}

/** Kana as stored: full-width katakana, one half-width space between parts. */
export function normalizeKana(raw: string): string {
  return foldKanaToKatakana(raw.normalize("NFKC")).replace(/\s+/gu, " ").trim();
}

const VOWEL_OF: ReadonlyMap<string, string> = new Map(
  (
    [
      ["あ", "あかさたなはまやらわがざだばぱゃぁゎゕ"],
      ["い", "いきしちにひみりぎじぢびぴぃゐ"],
      ["う", "うくすつぬふむゆるぐずづぶぷゅぅっゔ"],
      ["え", "えけせてねへめれげぜでべぺぇゑゖ"],
      ["お", "おこそとのほもよろをごぞどぼぽょぉ"],
    ] as const
  ).flatMap(([vowel, kana]) => Array.from(kana, (ch) => [ch, vowel] as const)),
);
const LARGE_KANA: Readonly<Record<string, string>> = {
  ぁ: "あ", ぃ: "い", ぅ: "う", ぇ: "え", ぉ: "お", っ: "つ", ゃ: "や", ゅ: "ゆ", ょ: "よ", ゎ: "わ", ゕ: "か", ゖ: "け",
  ゐ: "い", ゑ: "え", を: "お", ぢ: "じ", づ: "ず", ゔ: "ぶ",
};

/**
 * Aggressive kana key for search and similarity: hiragana, no spaces or punctuation, small kana enlarged,
 * ー spelled as its vowel, おう/おお and えい/ええ merged (サトウ = サトー = さとお, セイコ = セーコ).
 */
export function kanaKey(raw: string): string {
  const hiragana = foldKanaToHiragana(raw.normalize("NFKC")).replace(/[^\u3041-\u3096ー]/gu, "");
  let out = "";
  let previous = "";
  for (const ch of hiragana) {
    let next = ch === "ー" ? (VOWEL_OF.get(previous) ?? "") : ch;
    const vowel = VOWEL_OF.get(previous);
    if ((vowel === "お" && next === "う") || (vowel === "え" && next === "い")) next = vowel;
    if (next) previous = next;
    out += next;
  }
  return Array.from(out, (ch) => LARGE_KANA[ch] ?? ch).join("");
}

/** 1 - normalised Levenshtein distance over code points; 1 for two empty strings. */
export function stringSimilarity(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  if (x.length === 0 && y.length === 0) return 1;
  let row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const next = [i];
    for (let j = 1; j <= y.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return 1 - row[y.length]! / Math.max(x.length, y.length);
}

export interface PersonName {
  name: string;
  kana?: string | null;
}

/**
 * Similarity of two name keys in which what follows their common start must itself be similar: people at one
 * address share a family name, so a given name that differs (タロウ / ジロウ, 花子 / 春子) is another person even
 * though the whole keys differ by one mora.
 */
function personKeySimilarity(a: string, b: string): number {
  const whole = stringSimilarity(a, b);
  const x = Array.from(a);
  const y = Array.from(b);
  let common = 0;
  while (common < x.length && common < y.length && x[common] === y[common]) common++;
  if (common < 2 || common === x.length || common === y.length) return whole;
  return Math.min(whole, stringSimilarity(x.slice(common).join(""), y.slice(common).join("")));
}

/** Best of kana similarity (when both have kana) and kanji-name similarity; 1 = same name after folding. */
export function nameSimilarity(a: PersonName, b: PersonName): number {
  const byName = personKeySimilarity(nameKey(a.name), nameKey(b.name));
  if (!a.kana || !b.kana) return byName;
  return Math.max(byName, personKeySimilarity(kanaKey(a.kana), kanaKey(b.kana)));
}
