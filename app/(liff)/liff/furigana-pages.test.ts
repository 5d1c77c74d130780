import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { JpkiView } from "@/components/liff/jpki-view";
import { LiffMenu } from "@/components/liff/menu";
import { RESIDENT_MESSAGES } from "@/lib/i18n/messages";
import type { ResidentLocale } from "@/lib/i18n/locale";

/** Kanji left in the page's text once readings (<ruby>) and Japanese-marked names/addresses are set aside. */
function kanjiWithoutReading(html: string, { keep = [] as string[] } = {}): string[] {
  let text = html
    .replace(/<ruby>.*?<\/ruby>/gu, "")
    .replace(/<(\w+)[^>]*\slang="ja"[^>]*>.*?<\/\1>/gu, "")
    .replace(/<[^>]+>/gu, " ");
  for (const proper of keep) text = text.replaceAll(proper, "");
  return text.match(/[\p{Script=Han}々]/gu) ?? [];
}

const render = (element: Parameters<typeof renderToStaticMarkup>[0]) => renderToStaticMarkup(element);
const menu = (locale: ResidentLocale) => render(createElement(LiffMenu, { locale, t: RESIDENT_MESSAGES[locale], displayName: "当麻 花子" }));
const jpki = (locale: ResidentLocale, result: { ok: boolean; text: string } | null) =>
  render(
    createElement(JpkiView, {
      locale,
      t: RESIDENT_MESSAGES[locale],
      result,
      verification: { name: "当麻 花子", address: "北海道上川郡当麻町3条東2丁目11番1号", birthdate: "1980-04-01", gender: "female" },
      startHref: "/api/jpki/start?purpose=identity",
    }),
  );

describe("やさしい日本語 furigana on the resident menu and the JPKI page", () => {
  const APP_AND_NAME = [RESIDENT_MESSAGES["ja-easy"].common.appName, "当麻 花子"];

  it("the menu leaves no kanji without a reading (app name and the resident's LINE name aside)", () => {
    const html = menu("ja-easy");
    expect(html).toContain("<ruby>物価<rt>ぶっか</rt></ruby>");
    expect(html).toContain("<ruby>本人確認<rt>ほんにんかくにん</rt></ruby>");
    expect(kanjiWithoutReading(html, { keep: APP_AND_NAME })).toEqual([]);
  });

  it("the JPKI page leaves no kanji without a reading, in every result it can show; names and addresses stay as written", () => {
    const t = RESIDENT_MESSAGES["ja-easy"];
    for (const result of [null, ...Object.values(t.jpki.results).map((text) => ({ ok: false, text })), { ok: false, text: t.jpki.failed }]) {
      const html = jpki("ja-easy", result);
      expect(kanjiWithoutReading(html)).toEqual([]);
    }
    const html = jpki("ja-easy", { ok: true, text: t.jpki.results.verified });
    expect(html).toContain('<dd lang="ja">北海道上川郡当麻町3条東2丁目11番1号</dd>');
    expect(html).toContain("<ruby>住所<rt>じゅうしょ</rt></ruby>");
    expect(html).toContain("<ruby>読<rt>よ</rt></ruby>");
  });

  it("standard Japanese and English carry no readings", () => {
    for (const locale of ["ja", "en"] as const) {
      expect(menu(locale)).not.toContain("<ruby>");
      expect(jpki(locale, { ok: true, text: RESIDENT_MESSAGES[locale].jpki.results.verified })).not.toContain("<ruby>");
    }
  });
});
