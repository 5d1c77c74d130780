import { describe, expect, it } from "vitest";
import { FILING_CLOSED_MESSAGES, FILING_CLOSURES } from "@/lib/programs/rules";
import { RESIDENT_LOCALES } from "./locale";
import { RESIDENT_MESSAGES } from "./messages";
import { PLAIN_RESIDENT_ERROR_CODES, refusalFromResponse, residentErrorText, residentFailureText, type ResidentError } from "./resident-errors";

const ALL_ERRORS: ResidentError[] = [
  ...PLAIN_RESIDENT_ERROR_CODES.map((code) => ({ code })),
  ...FILING_CLOSURES.map((closure) => ({ code: "closed" as const, closure })),
  { code: "already_filed", submittedAt: new Date("2026-11-20T01:00:00Z"), channel: "counter" },
  { code: "already_filed", submittedAt: new Date("2026-11-20T01:00:00Z"), channel: "line" },
];

describe("resident refusals in the resident's language", () => {
  it("every refusal has its own wording in every language, and English has no Japanese in it", () => {
    for (const locale of RESIDENT_LOCALES) {
      const texts = ALL_ERRORS.map((error) => residentErrorText(RESIDENT_MESSAGES[locale], error));
      for (const text of texts) expect(text.length, locale).toBeGreaterThan(5);
      // Distinct codes say distinct things (the two already_filed entries differ by channel).
      expect(new Set(texts).size, locale).toBe(texts.length);
    }
    for (const error of ALL_ERRORS) expect(residentErrorText(RESIDENT_MESSAGES.en, error)).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it("やさしい日本語 is its own text, not standard Japanese copied: different wording, with spaces between phrases", () => {
    for (const error of ALL_ERRORS) {
      const easy = residentErrorText(RESIDENT_MESSAGES["ja-easy"], error);
      expect(easy, error.code).not.toBe(residentErrorText(RESIDENT_MESSAGES.ja, error));
      expect(easy, error.code).toMatch(/ /);
    }
  });

  it("standard Japanese is what staff see: the counter's refusal and the program's closures read the same", () => {
    const counterFiled = { code: "already_filed", submittedAt: new Date("2026-11-20T01:00:00Z"), channel: "counter" } as const;
    expect(residentErrorText(RESIDENT_MESSAGES.ja, counterFiled)).toBe("この世帯は11月20日に窓口で申請済みです。同じ世帯から重ねて申請することはできません。");
    for (const closure of FILING_CLOSURES) expect(residentErrorText(RESIDENT_MESSAGES.ja, { code: "closed", closure })).toBe(FILING_CLOSED_MESSAGES[closure]);
  });

  it("the date is the Japanese calendar day in every language (01:00 UTC on the 19th is the 19th; 15:30 UTC is the next day)", () => {
    const late = { code: "already_filed", submittedAt: new Date("2026-11-19T15:30:00Z"), channel: "line" } as const;
    expect(residentErrorText(RESIDENT_MESSAGES.en, late)).toBe("This household already applied through LINE on November 20. A household can apply only once.");
    expect(residentErrorText(RESIDENT_MESSAGES["ja-easy"], late)).toBe("この 世帯は 11月20日に LINEで もうしこみました。1つの 世帯で もうしこめるのは 1回だけです。");
    expect(residentErrorText(RESIDENT_MESSAGES.ja, { ...late, submittedAt: new Date("2026-11-19T01:00:00Z") })).toMatch(/^この世帯は11月19日にLINEで申請済みです/);
  });

  it("a failure with a code is worded for the resident; without one, the server's Japanese is marked as such", () => {
    const coded = { error: "申請が見つかりません。", resident: { code: "filing_not_found" } as const };
    expect(residentFailureText(RESIDENT_MESSAGES.en, coded)).toEqual({ text: "The application was not found. Please open your application status again." });
    expect(residentFailureText(RESIDENT_MESSAGES.en, { error: "想定外の理由" })).toEqual({ text: "想定外の理由", lang: "ja" });
  });

  it("in the browser, the endpoint's refusal is shown as sent, and anything unreadable falls back to our own words", async () => {
    const json = (body: unknown) => new Response(JSON.stringify(body), { status: 409, headers: { "content-type": "application/json" } });
    expect(await refusalFromResponse(json({ error: "This household has already applied.", code: "household_filed" }), "fallback")).toEqual({ text: "This household has already applied." });
    expect(await refusalFromResponse(json({ error: "想定外の理由", lang: "ja" }), "fallback")).toEqual({ text: "想定外の理由", lang: "ja" });
    expect(await refusalFromResponse(json({ error: "" }), "fallback")).toEqual({ text: "fallback" });
    expect(await refusalFromResponse(json({ error: { html: "<b>x</b>" } }), "fallback")).toEqual({ text: "fallback" });
    expect(await refusalFromResponse(new Response("<html>502 Bad Gateway</html>", { status: 502 }), "fallback")).toEqual({ text: "fallback" });
    expect(await refusalFromResponse(null, "fallback")).toEqual({ text: "fallback" });
  });
});
