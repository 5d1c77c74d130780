import { describe, expect, it } from "vitest";
import { FILING_STATUSES } from "@/db/schema/filings";
import { furiganaSegments, withoutReadings } from "./furigana";
import { RESIDENT_MESSAGES } from "./messages";

const SAMPLE_DATE = new Date("2026-01-31T03:00:00Z");

/** Every text of a dictionary, functions called with sample arguments of each kind. */
function texts(value: unknown, path = ""): [string, string][] {
  if (typeof value === "string") return [[path, value]];
  if (typeof value === "function") {
    const samples: Record<string, unknown[]> = {
      "common.step": [1, 4],
      "benefit.confirm.memberDetails": ["1950-09-02", true],
      "benefit.confirm.breakdown": [3, 10000],
      "benefit.list.summary": [10000, SAMPLE_DATE],
      "benefit.reference.withoutCard.yearOption": [1950],
      "errors.alreadyFiled": [SAMPLE_DATE, "counter"],
      "benefit.status.household.filed": [SAMPLE_DATE, "line"],
    };
    const fn = value as (...args: unknown[]) => unknown;
    const args = samples[path] ?? Array.from({ length: fn.length }, () => (/(date|At|time)/i.test(path) ? SAMPLE_DATE : path.includes("points") ? 20000 : null));
    const output = fn(...args.map((arg) => (arg === null && /date|At|closes|filed/i.test(path) ? SAMPLE_DATE : arg)));
    return typeof output === "string" ? [[path, output]] : [];
  }
  if (typeof value === "object" && value !== null) return Object.entries(value).flatMap(([key, child]) => texts(child, path ? `${path}.${key}` : key));
  return [];
}

const unread = (text: string) =>
  furiganaSegments(text)
    .filter((segment): segment is string => typeof segment === "string")
    .join("")
    .match(/[\p{Script=Han}々]/gu) ?? [];

describe("furigana for やさしい日本語", () => {
  it("reads words, counters after numbers, and readings written by hand", () => {
    expect(furiganaSegments("住所を 確認します")).toEqual([{ base: "住所", reading: "じゅうしょ" }, "を ", { base: "確認", reading: "かくにん" }, "します"]);
    expect(furiganaSegments("3人の 人")).toEqual(["3", { base: "人", reading: "にん" }, "の ", { base: "人", reading: "ひと" }]);
    expect(furiganaSegments("日と 31日")).toEqual([{ base: "日", reading: "ひ" }, "と 31", { base: "日", reading: "にち" }]);
    expect(furiganaSegments("世帯主の 暗証番号")).toEqual([{ base: "世帯主", reading: "せたいぬし" }, "の ", { base: "暗証番号", reading: "あんしょうばんごう" }]);
    expect(furiganaSegments("当麻{とうま}町の 支援")).toEqual([{ base: "当麻", reading: "とうま" }, { base: "町", reading: "まち" }, "の ", { base: "支援", reading: "しえん" }]);
    expect(withoutReadings("当麻{とうま}町")).toBe("当麻町");
    // A kanji with no known reading stays as it is (and the test below names it).
    expect(furiganaSegments("鬱")).toEqual(["鬱"]);
  });

  it("leaves no kanji of the easy dictionary without a reading", () => {
    const all = texts(RESIDENT_MESSAGES["ja-easy"]);
    expect(all.length).toBeGreaterThan(150);
    expect(all.filter(([, text]) => /[\p{Script=Han}]/u.test(text)).length).toBeGreaterThan(80);
    const missing = all
      // The language names and the app's name are proper names, shown as they are.
      .filter(([path]) => path !== "common.appName")
      .flatMap(([path, text]) => unread(text).map((kanji) => `${path}: ${kanji}`));
    expect(missing).toEqual([]);
  });

  it("every filing status of the easy dictionary reads without kanji left", () => {
    for (const status of FILING_STATUSES) expect(unread(RESIDENT_MESSAGES["ja-easy"].benefit.status.statuses[status])).toEqual([]);
  });
});
