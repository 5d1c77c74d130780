import { describe, expect, it } from "vitest";
import { furiganaSegments } from "@/lib/i18n/furigana";
import { APPLICATION_MESSAGES } from "./messages";

/** Every text of the dictionary (functions called with a sample title). */
const texts = (value: unknown): string[] =>
  typeof value === "string" ? [value] : typeof value === "function" ? [(value as (t: string) => string)("ごみ")] : typeof value === "object" && value ? Object.values(value).flatMap(texts) : [];

describe("my applications' texts", () => {
  it("やさしい日本語: every kanji has its reading (furigana)", () => {
    const unread = texts(APPLICATION_MESSAGES["ja-easy"]).flatMap((text) =>
      furiganaSegments(text)
        .filter((s): s is string => typeof s === "string")
        .join("")
        .match(/[\p{Script=Han}々]/gu) ?? [],
    );
    expect(unread).toEqual([]);
  });

  it("the three languages have the same texts, none empty", () => {
    const ja = texts(APPLICATION_MESSAGES.ja);
    expect(texts(APPLICATION_MESSAGES["ja-easy"])).toHaveLength(ja.length);
    expect(texts(APPLICATION_MESSAGES.en)).toHaveLength(ja.length);
    for (const locale of ["ja", "ja-easy", "en"] as const) expect(texts(APPLICATION_MESSAGES[locale]).every((t) => t.trim().length > 0)).toBe(true);
  });
});
