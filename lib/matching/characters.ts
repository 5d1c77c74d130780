import { KANJI_VARIANTS } from "./variants";

// Character folding shared by the address and the name keys.
const VARIATION_SELECTORS = /[\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}]/gu;

/** NFKC, variant kanji, IVS dropped, 々 expanded. Shared first step of every key. */
export function foldCharacters(raw: string): string {
  const nfkc = raw.normalize("NFKC").replace(VARIATION_SELECTORS, "");
  let out = "";
  for (const ch of nfkc) {
    if (ch === "々" && out.length > 0) {
      out += Array.from(out).at(-1);
      continue;
    }
    out += KANJI_VARIANTS[ch] ?? ch;
  }
  return out;
}

/** 霞ヶ関 = 霞ケ関 = 霞が関 = 霞ガ関, 一の瀬 = 一ノ瀬 = 一之瀬: the small ケ and の between two kanji of a name. */
export function foldKanjiJoiners(text: string): string {
  return text
    .replace(/(?<=\p{Script=Han})[のノ之](?=\p{Script=Han})/gu, "ノ")
    .replace(/(?<=\p{Script=Han})[ヶヵケがガ](?=\p{Script=Han})/gu, "ケ");
}

export function foldKanaToKatakana(text: string): string {
  return text.replace(/[\u3041-\u3096]/gu, (ch) => String.fromCodePoint(ch.codePointAt(0)! + 0x60));
}

export function foldKanaToHiragana(text: string): string {
  return text.replace(/[\u30A1-\u30F6]/gu, (ch) => String.fromCodePoint(ch.codePointAt(0)! - 0x60));
}
