/**
 * What a resident reads about a program in their language: the LINE message templates (staff's, else the
 * system default of that language), the program's name and its e-money guidance (staff's translation, else the
 * Japanese). Client-safe: the program form shows the defaults, the resident pages and the outbox use them.
 */
import type { BenefitProgram, MessageTemplateKey, MessageTemplates, ProgramTranslationLocale } from "@/db/schema/programs";
import type { ResidentLocale } from "@/lib/i18n/locale";

export const TRANSLATED_LOCALES = ["ja-easy", "en"] as const satisfies readonly ProgramTranslationLocale[];
export type TranslatedLocale = ProgramTranslationLocale;

export const TRANSLATED_LOCALE_LABELS: Record<TranslatedLocale, string> = { "ja-easy": "やさしい日本語", en: "英語" };

/** The system's default LINE messages in やさしい日本語 and English (standard Japanese: lib/programs/validations.ts). */
export const DEFAULT_TRANSLATED_TEMPLATES: Record<TranslatedLocale, MessageTemplates> = {
  "ja-easy": {
    received: "{事業名}の もうしこみを うけつけました。\n受付番号: {受付番号}\n役場で しらべたら、LINEで お知らせします。",
    approved: "{事業名}の もうしこみが みとめられました。\nもうすぐ {ポイント}ポイントを わたします。\n受付番号: {受付番号}",
    rejected: "{事業名}の もうしこみは みとめられませんでした。\nわけ: {理由}\nわからない ことは 役場に きいて ください。",
    returned: "{事業名}の もうしこみに なおす ところが あります。\nわけ: {理由}\nLINEの メニュー「物価高騰支援」の「もうしこみの じょうきょうを 見る」から、もう一度 マイナンバーカードで 本人確認を して 送って ください。",
    granted: "{事業名}: {ポイント}ポイントを わたしました。お店で つかえます。\n受付番号: {受付番号}",
  },
  en: {
    received: "We received your application for {事業名}.\nReceipt number: {受付番号}\nWe will tell you on LINE when the review is done.",
    approved: "Your application for {事業名} was approved.\nWe will grant {ポイント} points soon.\nReceipt number: {受付番号}",
    rejected: "Your application for {事業名} could not be accepted.\nReason: {理由}\nIf you have questions, please contact the town hall.",
    returned: "Your application for {事業名} needs a correction.\nReason: {理由}\nIn the LINE menu, open “Price-relief grant”, then “See your applications”, verify with your My Number card again and resubmit.",
    granted: "{事業名}: {ポイント} points have been granted. You can use them at participating shops.\nReceipt number: {受付番号}",
  },
};

export type ProgramTexts = Pick<BenefitProgram, "name" | "templates" | "emoneyName" | "emoneyGuidance" | "translations">;

/** The program's name for this language: staff's translation, else the Japanese name. */
export function programNameFor(program: Pick<BenefitProgram, "name" | "translations">, locale: ResidentLocale): string {
  return (locale === "ja" ? undefined : program.translations[locale]?.name?.trim()) || program.name;
}

/** The template for this language: staff's, else the system default of that language. Japanese: the program's own. */
export function templateFor(program: Pick<BenefitProgram, "templates" | "translations">, key: MessageTemplateKey, locale: ResidentLocale): string {
  if (locale === "ja") return program.templates[key];
  return program.translations[locale]?.templates?.[key]?.trim() || DEFAULT_TRANSLATED_TEMPLATES[locale][key];
}

/** Where the points go, for this language; null when staff have not named the e-money. */
export function emoneyGuidanceFor(program: ProgramTexts, locale: ResidentLocale): { name: string; guidance: string | null } | null {
  const translated = locale === "ja" ? undefined : program.translations[locale];
  const name = translated?.emoneyName?.trim() || program.emoneyName?.trim();
  if (!name) return null;
  return { name, guidance: translated?.emoneyGuidance?.trim() || program.emoneyGuidance?.trim() || null };
}

/** The vendor's reason codes (lib/grants/export/format.ts) in plain words, each with what to do. */
const GRANT_FAILURE_TEXTS: Record<ResidentLocale, { codes: Record<string, string>; other: string; intro: (program: string, receipt: string) => string; howTo: (name: string) => string }> = {
  ja: {
    intro: (program, receipt) => `${program}のポイントを付与できませんでした（受付番号 ${receipt}）。`,
    codes: {
      E01: "ポイントを受け取る電子マネーのアカウントが見つかりませんでした。アカウントを作ってから、役場の担当課にご連絡ください。",
      E02: "電子マネーのアカウントが止まっています。電子マネーの窓口で利用を再開してから、役場の担当課にご連絡ください。",
      E03: "電子マネーに持てるポイントの上限を超えるため、付与できませんでした。ポイントを使ってから、役場の担当課にご連絡ください。",
      E04: "電子マネーのアカウントに登録した氏名または生年月日が、住民票と違います。登録内容を直してから、役場の担当課にご連絡ください。",
    },
    other: "電子マネーの会社で問題が起きました。役場で確認して、あらためてご連絡します。",
    howTo: (name) => `ポイントは「${name}」で受け取ります。`,
  },
  "ja-easy": {
    intro: (program, receipt) => `${program}の ポイントを わたせませんでした（受付番号 ${receipt}）。`,
    codes: {
      E01: "ポイントを うけとる 電子マネーの アカウントが ありませんでした。アカウントを 作ってから、役場に れんらく して ください。",
      E02: "電子マネーの アカウントが とまって います。つかえるように してから、役場に れんらく して ください。",
      E03: "電子マネーに もてる ポイントが いっぱいです。ポイントを つかってから、役場に れんらく して ください。",
      E04: "電子マネーの アカウントの 名前か 生年月日が ちがいます。なおしてから、役場に れんらく して ください。",
    },
    other: "電子マネーの 会社で もんだいが おきました。役場で しらべて、また れんらく します。",
    howTo: (name) => `ポイントは「${name}」で うけとります。`,
  },
  en: {
    intro: (program, receipt) => `We could not grant the points for ${program} (receipt number ${receipt}).`,
    codes: {
      E01: "No account was found for the e-money that receives the points. Please open an account, then contact the town hall.",
      E02: "Your e-money account is suspended. Please have it reopened, then contact the town hall.",
      E03: "The points would exceed what your e-money account may hold. Please use some points, then contact the town hall.",
      E04: "The name or date of birth on your e-money account differs from the resident register. Please correct it, then contact the town hall.",
    },
    other: "The e-money company had a problem. The town hall will check and contact you again.",
    howTo: (name) => `The points go to “${name}”.`,
  },
};

/** The vendor's code at the start of its reason ("E01 …"), if any. */
export function vendorReasonCode(reason: string | null | undefined): string | null {
  return /^\s*(E\d{2})\b/.exec(reason ?? "")?.[1] ?? null;
}

/** A vendor failure in plain words, in the resident's language, with what to do and where the account is made. */
export function grantFailureText(program: ProgramTexts, locale: ResidentLocale, values: { receiptNumber: string; vendorReason: string | null }): string {
  const texts = GRANT_FAILURE_TEXTS[locale];
  const code = vendorReasonCode(values.vendorReason);
  const emoney = emoneyGuidanceFor(program, locale);
  const lines = [texts.intro(programNameFor(program, locale), values.receiptNumber), (code && texts.codes[code]) || texts.other];
  if (emoney && (code === "E01" || code === "E02" || code === "E04")) lines.push(texts.howTo(emoney.name) + (emoney.guidance ? `\n${emoney.guidance}` : ""));
  return lines.join("\n");
}

/** Appended to the receipt message: where the points go and how to get an account. */
export function emoneyNoticeFor(program: ProgramTexts, locale: ResidentLocale): string | null {
  const emoney = emoneyGuidanceFor(program, locale);
  if (!emoney) return null;
  return GRANT_FAILURE_TEXTS[locale].howTo(emoney.name) + (emoney.guidance ? `\n${emoney.guidance}` : "");
}

/** lib/grants/operations.ts writes this on the filing's history when the vendor could not grant. */
const GRANT_FAILURE_EVENT = /^電子マネーの付与ができませんでした（(.*)）$/;

/** The history's vendor-failure entry in plain words for the resident (null for any other reason). */
export function grantFailureNote(locale: ResidentLocale, reason: string | null | undefined): string | null {
  const match = GRANT_FAILURE_EVENT.exec(reason ?? "");
  if (!match) return null;
  const code = vendorReasonCode(match[1]);
  const texts = GRANT_FAILURE_TEXTS[locale];
  return (code && texts.codes[code]) || texts.other;
}

/** The counter hours for a page in `locale`: staff's translation, else the Japanese (the page then marks it lang="ja"). */
export function counterHoursFor(
  counter: { counterHours: string | null; counterHoursTranslations?: Partial<Record<TranslatedLocale, string>> },
  locale: ResidentLocale,
): { text: string; translated: boolean } | null {
  const translated = locale === "ja" ? undefined : counter.counterHoursTranslations?.[locale]?.trim();
  if (translated) return { text: translated, translated: true };
  return counter.counterHours ? { text: counter.counterHours, translated: false } : null;
}
