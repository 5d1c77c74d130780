import { describe, expect, it } from "vitest";
import { MESSAGE_TEMPLATE_KEYS, type BenefitProgram } from "@/db/schema/programs";
import { RESIDENT_LOCALES } from "@/lib/i18n/locale";
import { DEFAULT_TEMPLATES, programSchema } from "@/lib/programs/validations";
import { messageTextFor } from "./notify";
import { counterHoursFor, DEFAULT_TRANSLATED_TEMPLATES, emoneyGuidanceFor, grantFailureNote, grantFailureText, programNameFor, templateFor, vendorReasonCode } from "./resident-texts";

const program: Pick<BenefitProgram, "name" | "templates" | "emoneyName" | "emoneyGuidance" | "translations"> = {
  name: "物価高騰対策ポイント給付",
  templates: { ...DEFAULT_TEMPLATES },
  emoneyName: "とうまポイントカード",
  emoneyGuidance: "町内の加盟店で作れます。",
  translations: { en: { name: "Price-relief points", templates: { granted: "{事業名}: {ポイント} points are yours. ({受付番号})" } } },
};
const values = { receiptNumber: "BK25-0000001", points: 20000, reason: "書類の不足" };

describe("LINE messages in the resident's language", () => {
  it("every template has a system default in やさしい日本語 and English, with the placeholders staff use", () => {
    for (const locale of ["ja-easy", "en"] as const) {
      for (const key of MESSAGE_TEMPLATE_KEYS) {
        const text = DEFAULT_TRANSLATED_TEMPLATES[locale][key];
        expect(text, `${locale} ${key}`).toContain("{事業名}");
        if (key === "rejected" || key === "returned") expect(text).toContain("{理由}");
        if (locale === "en") expect(text.replaceAll(/\{[^}]+\}/g, ""), `${key} has no Japanese`).not.toMatch(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u);
      }
    }
  });

  it("staff's translation wins, else the system default of that language; Japanese keeps the program's own", () => {
    expect(templateFor(program, "granted", "en")).toBe("{事業名}: {ポイント} points are yours. ({受付番号})");
    expect(templateFor(program, "approved", "en")).toBe(DEFAULT_TRANSLATED_TEMPLATES.en.approved);
    expect(templateFor(program, "approved", "ja-easy")).toBe(DEFAULT_TRANSLATED_TEMPLATES["ja-easy"].approved);
    expect(templateFor(program, "approved", "ja")).toBe(DEFAULT_TEMPLATES.approved);
    expect(messageTextFor("granted", program, values, "en")).toBe("Price-relief points: 20,000 points are yours. (BK25-0000001)");
    expect(messageTextFor("rejected", program, values, "ja-easy")).toContain("わけ: 書類の不足");
    expect(messageTextFor("rejected", program, values, "ja")).toContain("物価高騰対策ポイント給付");
    expect(messageTextFor("withdrawn", program, values, "en")).toBeNull();
    for (const locale of RESIDENT_LOCALES) expect(messageTextFor("closed_duplicate", program, values, locale)).toContain("BK25-0000001");
  });

  it("the receipt message says where the points go and how to get an account", () => {
    expect(messageTextFor("submitted", program, values, "ja")).toContain("ポイントは「とうまポイントカード」で受け取ります。\n町内の加盟店で作れます。");
    expect(messageTextFor("submitted", program, values, "en")).toContain("The points go to “とうまポイントカード”.");
    expect(messageTextFor("submitted", { ...program, emoneyName: null }, values, "ja")).not.toContain("受け取ります");
  });

  it("names and guidance fall back to the Japanese", () => {
    expect(programNameFor(program, "en")).toBe("Price-relief points");
    expect(programNameFor(program, "ja-easy")).toBe("物価高騰対策ポイント給付");
    expect(emoneyGuidanceFor(program, "en")).toEqual({ name: "とうまポイントカード", guidance: "町内の加盟店で作れます。" });
    expect(emoneyGuidanceFor({ ...program, emoneyName: null }, "ja")).toBeNull();
  });
});

describe("counter hours per language", () => {
  it("staff's translation, else the Japanese", () => {
    const counter = { counterHours: "平日 8:30〜17:15", counterHoursTranslations: { en: "Weekdays 8:30–17:15" } };
    expect(counterHoursFor(counter, "en")).toEqual({ text: "Weekdays 8:30–17:15", translated: true });
    expect(counterHoursFor(counter, "ja-easy")).toEqual({ text: "平日 8:30〜17:15", translated: false });
    expect(counterHoursFor(counter, "ja")).toEqual({ text: "平日 8:30〜17:15", translated: false });
    expect(counterHoursFor({ counterHours: null }, "en")).toBeNull();
  });
});

describe("a vendor failure in plain words", () => {
  it("says what happened and what to do, with the account guidance for account problems", () => {
    expect(vendorReasonCode("E01 電子マネーのアカウントが見つかりません")).toBe("E01");
    expect(vendorReasonCode("残高エラー")).toBeNull();
    const ja = grantFailureText(program, "ja", { receiptNumber: "BK25-0000001", vendorReason: "E01 電子マネーのアカウントが見つかりません" });
    expect(ja).toContain("アカウントが見つかりませんでした。アカウントを作ってから、役場の担当課にご連絡ください。");
    expect(ja).toContain("町内の加盟店で作れます。");
    expect(ja).not.toContain("E01");
    const en = grantFailureText(program, "en", { receiptNumber: "BK25-0000001", vendorReason: "E03" });
    expect(en).toContain("exceed");
    expect(en).not.toContain("町内");
    expect(grantFailureText(program, "ja-easy", { receiptNumber: "X", vendorReason: null })).toContain("また れんらく します");
  });

  it("the history's entry is recognised; staff's words are not", () => {
    expect(grantFailureNote("en", "電子マネーの付与ができませんでした（E02 電子マネーのアカウントが停止されています）")).toContain("suspended");
    expect(grantFailureNote("ja", "書類の不足")).toBeNull();
  });
});

describe("the program form's translations", () => {
  const base = {
    departmentId: "00000000-0000-4000-8000-000000000001",
    code: "BK26",
    name: "物価高騰対策ポイント給付",
    pointsPerPerson: 10000,
    referenceDate: "2026-10-01",
    filingOpensAt: "2026-11-01T00:00:00+09:00",
    filingClosesAt: "2027-01-31T23:59:00+09:00",
    acceptsLine: true,
    acceptsCounter: true,
    lineRequiresJpki: true,
    templates: { ...DEFAULT_TEMPLATES },
  };

  it("keeps what staff wrote and drops the empty fields (they fall back)", () => {
    const parsed = programSchema.parse({
      ...base,
      emoneyName: " とうまポイントカード ",
      emoneyGuidance: "",
      translations: { "ja-easy": { name: "", templates: { received: "" } }, en: { name: "Price relief", templates: { received: "Got it: {受付番号}", approved: "" } } },
    });
    expect(parsed.emoneyName).toBe("とうまポイントカード");
    expect(parsed.emoneyGuidance).toBeNull();
    expect(parsed.translations).toEqual({ en: { name: "Price relief", templates: { received: "Got it: {受付番号}" } } });
  });

  it("a new program with the e-money and translation fields left empty (or absent) is accepted", () => {
    for (const empty of [undefined, null, ""]) {
      const parsed = programSchema.parse({ ...base, emoneyName: empty, emoneyGuidance: empty, translations: { "ja-easy": { name: empty, templates: { received: empty } } } });
      expect(parsed).toMatchObject({ emoneyName: null, emoneyGuidance: null, translations: {} });
    }
  });

  it("refuses an unknown placeholder, a returned text without {理由}, and control characters, naming the language", () => {
    const refused = programSchema.safeParse({
      ...base,
      translations: { en: { templates: { received: "Hi {name}", returned: "Please fix it." }, emoneyName: "a\u0007b" } },
    });
    expect(refused.success).toBe(false);
    const messages = refused.error!.issues.map((issue) => issue.message).join("\n");
    expect(messages).toContain("英語の文面（受付時）: {name} は差し込めません");
    expect(messages).toContain("英語の文面（差し戻し時（{理由}が入ります））には {理由} を入れてください");
    expect(messages).toContain("英語の電子マネーの名前に使えない制御文字が含まれています");
  });
});
