import { describe, expect, it } from "vitest";
import { FILING_STATUSES } from "@/db/schema/filings";
import { SYSTEM_EVENT_REASONS, systemEventReasonOf, type SystemEventReason } from "@/lib/filings/rules";
import { REFERENCE_CODE_PROBLEMS, generateReferenceCode, referenceCodeProblem, validateReferenceCode } from "@/lib/letters/reference-code";
import { htmlLangOf, languageSwitchHref, localeFromAcceptLanguage, RESIDENT_LOCALES, resolveResidentLocale } from "./locale";
import { RESIDENT_MESSAGES } from "./messages";

describe("resident locale", () => {
  it("a valid cookie wins over Accept-Language", () => {
    expect(resolveResidentLocale({ cookie: "en", acceptLanguage: "ja-JP,ja;q=0.9" })).toBe("en");
    expect(resolveResidentLocale({ cookie: "ja-easy", acceptLanguage: "en-US" })).toBe("ja-easy");
    expect(resolveResidentLocale({ cookie: "ja", acceptLanguage: "en-US,en;q=0.9" })).toBe("ja");
  });

  it("an unknown or missing cookie falls back to Accept-Language", () => {
    expect(resolveResidentLocale({ cookie: "fr", acceptLanguage: "en-US,en;q=0.9" })).toBe("en");
    expect(resolveResidentLocale({ cookie: "EN", acceptLanguage: "ja" })).toBe("ja");
    expect(resolveResidentLocale({ cookie: undefined, acceptLanguage: "en-GB" })).toBe("en");
    expect(resolveResidentLocale({ cookie: null, acceptLanguage: null })).toBe("ja");
  });

  it("Accept-Language: en* → en, anything else → ja, by preference order", () => {
    expect(localeFromAcceptLanguage("en")).toBe("en");
    expect(localeFromAcceptLanguage("EN-us")).toBe("en");
    expect(localeFromAcceptLanguage("ja-JP")).toBe("ja");
    expect(localeFromAcceptLanguage("ja-JP,en-US;q=0.8")).toBe("ja");
    expect(localeFromAcceptLanguage("en-US;q=0.5, ja")).toBe("ja");
    expect(localeFromAcceptLanguage("fr-FR, en;q=0.8, ja;q=0.5")).toBe("en");
    expect(localeFromAcceptLanguage("zh-CN, ko")).toBe("ja");
    expect(localeFromAcceptLanguage("en;q=0, ja;q=0.1")).toBe("ja");
    expect(localeFromAcceptLanguage("eng, english")).toBe("ja");
    expect(localeFromAcceptLanguage("*")).toBe("ja");
    expect(localeFromAcceptLanguage("")).toBe("ja");
    expect(localeFromAcceptLanguage(undefined)).toBe("ja");
  });

  it("lang attribute: easy Japanese is Japanese", () => {
    expect(htmlLangOf("ja")).toBe("ja");
    expect(htmlLangOf("ja-easy")).toBe("ja");
    expect(htmlLangOf("en")).toBe("en");
  });

  it("the switch link carries the return path", () => {
    expect(languageSwitchHref("ja-easy", "/liff/benefit/status?jpki=verified")).toBe("/liff/lang?to=ja-easy&next=%2Fliff%2Fbenefit%2Fstatus%3Fjpki%3Dverified");
  });
});

/** Key paths with the kind of each leaf: "string" or "function/<arity>". */
function shape(value: unknown, path = ""): string[] {
  if (typeof value === "string") return [`${path}: string`];
  if (typeof value === "function") return [`${path}: function/${value.length}`];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => shape(child, path ? `${path}.${key}` : key));
}

function strings(value: unknown, path = ""): [string, string][] {
  if (typeof value === "string") return [[path, value]];
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => strings(child, path ? `${path}.${key}` : key));
}

describe("resident dictionaries", () => {
  const [ja, ...others] = RESIDENT_LOCALES;

  it.each(others)("%s has exactly the keys of ja, with the same kinds", (locale) => {
    expect(shape(RESIDENT_MESSAGES[locale]).sort()).toEqual(shape(RESIDENT_MESSAGES[ja]).sort());
  });

  it.each(RESIDENT_LOCALES)("%s: no empty text, except the counter label's optional affixes", (locale) => {
    const empty = strings(RESIDENT_MESSAGES[locale])
      .filter(([path, text]) => text.trim() === "" && path !== "counter.before" && path !== "counter.after")
      .map(([path]) => path);
    expect(empty).toEqual([]);
  });

  it.each(RESIDENT_LOCALES)("%s: sections read by client components hold plain strings (they are serialised as props)", (locale) => {
    const t = RESIDENT_MESSAGES[locale];
    for (const section of [t.signIn, t.benefit.submit, t.benefit.statusAction]) {
      for (const value of Object.values(section)) expect(typeof value).toBe("string");
    }
  });

  it.each(RESIDENT_LOCALES)("%s: every filing status and every reference-code problem has words", (locale) => {
    const t = RESIDENT_MESSAGES[locale];
    for (const status of FILING_STATUSES) expect(t.benefit.status.statuses[status], status).toMatch(/\S/);
    for (const problem of REFERENCE_CODE_PROBLEMS) expect(t.benefit.reference.errors[problem], problem).toMatch(/\S/);
  });

  it("standard Japanese keeps the staff's status labels; the others translate them", () => {
    expect(RESIDENT_MESSAGES.ja.benefit.status.statuses.granted).toBe("給付済み");
    expect(RESIDENT_MESSAGES.en.benefit.status.statuses.granted).toBe("Points granted");
    expect(RESIDENT_MESSAGES["ja-easy"].benefit.status.statuses.granted).not.toBe("給付済み");
  });

  it("formats by language", () => {
    const closes = new Date("2026-01-31T14:59:59Z");
    expect(RESIDENT_MESSAGES.ja.benefit.list.summary(10000, closes)).toBe("世帯の人数 × 10,000ポイント。令和8年1月31日まで。");
    expect(RESIDENT_MESSAGES.en.benefit.list.summary(10000, closes)).toBe("10,000 points per household member. Apply by January 31, 2026.");
    expect(RESIDENT_MESSAGES.en.benefit.confirm.memberDetails("1950-09-02", true)).toBe(" (born September 2, 1950, head of household)");
    expect(RESIDENT_MESSAGES.ja.benefit.confirm.memberDetails("1950-09-02", false)).toBe("（昭和25年9月2日生まれ）");
  });
});

describe("reference code problems (the ?error= codes)", () => {
  it("names the same failure validateReferenceCode finds, and nothing for a valid code", () => {
    const code = generateReferenceCode();
    expect(referenceCodeProblem(code)).toBeNull();
    expect(referenceCodeProblem(code.toLowerCase().replaceAll("-", " "))).toBeNull();
    expect(referenceCodeProblem("ABCD-EFGH")).toBe("length");
    expect(referenceCodeProblem("ABCD-EFGH-JKL0")).toBe("format");
    const compact = code.replaceAll("-", "");
    const last = compact.at(-1) === "2" ? "3" : "2";
    expect(referenceCodeProblem(compact.slice(0, 11) + last)).toBe("check_digit");
    for (const input of [code, "ABCD-EFGH", "ABCD-EFGH-JKL0", compact.slice(0, 11) + last, "", "<script>"]) {
      expect(referenceCodeProblem(input) === null, input).toBe(validateReferenceCode(input).ok);
    }
  });
});

describe("a filing's history on the status page", () => {
  it("the system's own reasons are recognised and worded per language; staff's free text is not mistaken for one", () => {
    for (const key of Object.keys(SYSTEM_EVENT_REASONS) as SystemEventReason[]) {
      expect(systemEventReasonOf(SYSTEM_EVENT_REASONS[key])).toBe(key);
      for (const locale of RESIDENT_LOCALES) expect(RESIDENT_MESSAGES[locale].benefit.status.systemReasons[key].length, `${locale} ${key}`).toBeGreaterThan(3);
    }
    expect(RESIDENT_MESSAGES.en.benefit.status.aside(RESIDENT_MESSAGES.en.benefit.status.systemReasons.resident_withdrew)).toBe(" (withdrawn by you)");
    expect(RESIDENT_MESSAGES.ja.benefit.status.aside("修正して再提出")).toBe("（修正して再提出）");
    for (const text of ["住所の確認が必要です", "住民による取下げ ", "", null]) expect(systemEventReasonOf(text)).toBeNull();
  });
});
