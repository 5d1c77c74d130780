/**
 * Furigana for やさしい日本語: the kanji that remain in easy-Japanese text get their reading (`<ruby>`), as the
 * guidelines for easy Japanese ask. Readings come from a small dictionary of the words our pages and program
 * names use (longest match first); staff may also write a reading themselves as 漢字{かんじ}. Pure and
 * client-safe. lib/i18n/furigana.test.ts checks that no kanji of the easy dictionary is left without a reading.
 */

/** Words (kanji, sometimes with the kana after them that decides the reading) → the reading of their kanji. */
const READINGS: Record<string, string> = {
  役場: "やくば", 一度: "いちど", 一致: "いっち", 世帯: "せたい", 世帯主: "せたいぬし", 今: "いま", 中: "ちゅう",
  人数: "にんずう", 人: "ひと", 予約: "よやく", 令和: "れいわ", 昭和: "しょうわ", 平成: "へいせい", 大正: "たいしょう",
  明治: "めいじ", 住所: "じゅうしょ", 使: "つか", 例: "れい", 健診: "けんしん", 入: "い", 入力: "にゅうりょく",
  内容: "ないよう", 出: "だ", 利用: "りよう", 前: "まえ", 取: "と", 下: "さ", 受付: "うけつけ", 受付時間: "うけつけじかん",
  受付番号: "うけつけばんごう", 受信設定: "じゅしんせってい", 同: "おな", 名前: "なまえ", 名簿: "めいぼ", 女性: "じょせい",
  男性: "だんせい", 家族: "かぞく", 少: "すこ", 引: "ひ", 越: "こ", 待: "ま", 性別: "せいべつ", 情報: "じょうほう",
  成功: "せいこう", 手紙: "てがみ", 手続: "てつづ", 持: "も", 支援: "しえん", 数字: "すうじ", 文字: "もじ", 方: "かた",
  施設: "しせつ", 日: "にち", 日と: "ひ", 日に: "ひ", 時間: "じかん", 暗証番号: "あんしょうばんごう", 書類: "しょるい",
  年: "ねん", 月: "がつ", 期間: "きかん", 本人: "ほんにん", 本人確認: "ほんにんかくにん", 本当: "ほんとう", 消: "き",
  無効: "むこう", 照会番号: "しょうかいばんごう", 生年月日: "せいねんがっぴ", 生: "う", 用意: "ようい", 町: "まち",
  画面: "がめん", 番号: "ばんごう", 知: "し", 確認: "かくにん", 窓口: "まどぐち", 終: "お", 自分: "じぶん", 見: "み",
  解除: "かいじょ", 言: "い", 記録: "きろく", 証明書: "しょうめいしょ", 試: "ため", 読: "よ", 請求: "せいきゅう",
  送: "おく", 通信: "つうしん", 運転免許証: "うんてんめんきょしょう", 金: "かね", 開: "ひら", 開発用: "かいはつよう",
  電子申請: "でんししんせい", 電波: "でんぱ", 電話: "でんわ", 願: "ねが", 申請: "しんせい", 審査: "しんさ",
  // Words of program names and e-money guidance.
  物価: "ぶっか", 高騰: "こうとう", 対策: "たいさく", 給付: "きゅうふ", 子育: "こそだ", 応援: "おうえん", 臨時: "りんじ",
  特別: "とくべつ", 電子: "でんし", 地域: "ちいき", 作: "つく", 登録: "とうろく", 店: "みせ", 受: "う", 取引: "とりひき",
};

/** After a number these are counters, read differently (3人 さんにん, 8年 はちねん). */
const COUNTERS: Record<string, string> = { 人: "にん", 年: "ねん", 月: "がつ", 日: "にち", 回: "かい", 文字: "もじ", 桁: "けた" };

const HAN = /[\p{Script=Han}々]/u;
const LONGEST = Math.max(...Object.keys(READINGS).map((key) => key.length));

export type FuriganaSegment = string | { base: string; reading: string };

function leadingHan(text: string): string {
  let end = 0;
  while (end < text.length && HAN.test(text[end]!)) end++;
  return text.slice(0, end);
}

/** Splits text into plain runs and kanji with their readings; a kanji with no known reading stays plain. */
export function furiganaSegments(text: string): FuriganaSegment[] {
  const out: FuriganaSegment[] = [];
  const push = (segment: FuriganaSegment) => {
    const last = out.at(-1);
    if (typeof segment === "string" && typeof last === "string") out[out.length - 1] = last + segment;
    else out.push(segment);
  };
  let i = 0;
  while (i < text.length) {
    // Written by hand: 漢字{かんじ}.
    const explicit = /^([\p{Script=Han}々]+)\{([ぁ-んー]+)\}/u.exec(text.slice(i));
    if (explicit) {
      push({ base: explicit[1]!, reading: explicit[2]! });
      i += explicit[0].length;
      continue;
    }
    const char = text[i]!;
    if (!HAN.test(char)) {
      push(char);
      i++;
      continue;
    }
    const afterNumber = i > 0 && /[0-9０-９]/.test(text[i - 1]!);
    const counter = afterNumber ? Object.keys(COUNTERS).find((key) => text.startsWith(key, i)) : undefined;
    if (counter) {
      push({ base: counter, reading: COUNTERS[counter]! });
      i += counter.length;
      continue;
    }
    let matched = false;
    for (let length = Math.min(LONGEST, text.length - i); length > 0; length--) {
      const key = text.slice(i, i + length);
      const reading = READINGS[key];
      if (reading === undefined) continue;
      const base = leadingHan(key);
      push({ base, reading });
      // Kana that only chose the reading stay in the text.
      if (key.length > base.length) push(key.slice(base.length));
      i += key.length;
      matched = true;
      break;
    }
    if (!matched) {
      push(char);
      i++;
    }
  }
  return out;
}

/** The text as a screen reader or a title shows it: readings written as 漢字{かんじ} are dropped. */
export function withoutReadings(text: string): string {
  return text.replace(/([\p{Script=Han}々]+)\{[ぁ-んー]+\}/gu, "$1");
}
