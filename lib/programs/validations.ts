import { z } from "zod";
import { MESSAGE_TEMPLATE_KEYS, PROGRAM_STATUSES, type ProgramTranslation } from "@/db/schema/programs";
import { safeText } from "@/lib/validation/text";

export const DEFAULT_TEMPLATES = {
  received: "{事業名}の申請を受け付けました。\n受付番号: {受付番号}\n審査が終わりましたら、LINEでお知らせします。",
  approved: "{事業名}の申請を承認しました。\n{ポイント}ポイントを近日中に付与します。\n受付番号: {受付番号}",
  rejected: "{事業名}の申請は、次の理由により受け付けできませんでした。\n理由: {理由}\nご不明な点は担当課へお問い合わせください。",
  returned: "{事業名}の申請内容に確認が必要です。\n理由: {理由}\nLINEのメニュー「物価高騰支援」の「申込み状況を見る」から、マイナンバーカードでもう一度本人確認をして送ってください。窓口で申請した方は、窓口にお越しください。",
  granted: "{事業名}: {ポイント}ポイントを付与しました。加盟店でご利用ください。\n受付番号: {受付番号}",
} as const;

export const TEMPLATE_LABELS: Record<(typeof MESSAGE_TEMPLATE_KEYS)[number], string> = {
  received: "受付時",
  approved: "承認時",
  rejected: "却下時（{理由}が入ります）",
  returned: "差し戻し時（{理由}が入ります）",
  granted: "給付完了時",
};

export const TEMPLATE_PLACEHOLDERS = ["{事業名}", "{受付番号}", "{ポイント}", "{理由}"] as const;

/** Placeholders the template writes that we would not fill: they would reach residents as typed. */
export function unknownPlaceholders(text: string): string[] {
  const written = text.match(/[{｛][^{}｛｝\n]*[}｝]/g) ?? [];
  return [...new Set(written.filter((p) => !(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(p)))];
}

const template = safeText({ label: "文面", max: 5000, multiline: true })
  .min(5, { error: "文面を入力してください" })
  .max(1000, { error: "文面は1000文字以内にしてください（LINEの1メッセージに収まる長さ）" })
  .superRefine((text, ctx) => {
    const unknown = unknownPlaceholders(text);
    if (unknown.length > 0) {
      ctx.addIssue({ code: "custom", message: `${unknown.join("、")} は差し込めません。使えるのは ${TEMPLATE_PLACEHOLDERS.join(" ")} です（半角の { } で囲みます）` });
    }
  });

/** A translated template: empty means the system default of that language. */
function optionalTemplate(label: string, needsReason: boolean) {
  return safeText({ label, max: 1000, multiline: true })
    .superRefine((text, ctx) => {
      const unknown = unknownPlaceholders(text);
      if (unknown.length > 0) ctx.addIssue({ code: "custom", message: `${label}: ${unknown.join("、")} は差し込めません。使えるのは ${TEMPLATE_PLACEHOLDERS.join(" ")} です` });
      if (text && needsReason && !text.includes("{理由}")) ctx.addIssue({ code: "custom", message: `${label}には {理由} を入れてください` });
    })
    .nullish();
}

/** Staff's texts for one language; empty fields are dropped, so the reader falls back. */
function translationSchema(language: string) {
  return z
    .object({
      name: safeText({ label: `${language}の表示名`, max: 60 }).nullish(),
      emoneyName: safeText({ label: `${language}の電子マネーの名前`, max: 60 }).nullish(),
      emoneyGuidance: safeText({ label: `${language}のアカウントの作り方`, max: 500, multiline: true }).nullish(),
      templates: z
        .object(
          Object.fromEntries(MESSAGE_TEMPLATE_KEYS.map((key) => [key, optionalTemplate(`${language}の文面（${TEMPLATE_LABELS[key]}）`, key === "rejected" || key === "returned")])) as Record<
            (typeof MESSAGE_TEMPLATE_KEYS)[number],
            ReturnType<typeof optionalTemplate>
          >,
        )
        .optional(),
    })
    .optional()
    .transform((value): ProgramTranslation | undefined => {
      if (!value) return undefined;
      const templates = Object.fromEntries(Object.entries(value.templates ?? {}).filter(([, text]) => text));
      const kept: ProgramTranslation = {
        ...(value.name ? { name: value.name } : {}),
        ...(value.emoneyName ? { emoneyName: value.emoneyName } : {}),
        ...(value.emoneyGuidance ? { emoneyGuidance: value.emoneyGuidance } : {}),
        ...(Object.keys(templates).length > 0 ? { templates } : {}),
      };
      return Object.keys(kept).length > 0 ? kept : undefined;
    });
}

const isoDate = z.iso.date({ error: "日付を YYYY-MM-DD の形で入力してください" });
const dateTime = z.coerce.date({ error: "日時を正しく入力してください" });

export const programSchema = z
  .object({
    departmentId: z.uuid({ error: "担当課を選んでください" }),
    code: safeText({ label: "事業コード", min: 1, max: 8 })
      .toUpperCase()
      .regex(/^[A-Z][A-Z0-9]{1,7}$/, { error: "事業コードは英大文字で始まる2〜8文字の英数字にしてください（受付番号に使います）" }),
    name: safeText({ label: "事業名", max: 60 }).min(2, { error: "事業名を入力してください" }),
    pointsPerPerson: z.coerce
      .number({ error: "ポイント数を数字で入力してください" })
      .int({ error: "ポイント数は整数で入力してください" })
      .min(1, { error: "1ポイント以上にしてください" })
      .max(1_000_000, { error: "1人あたり1,000,000ポイントまでです" }),
    referenceDate: isoDate,
    filingOpensAt: dateTime,
    filingClosesAt: dateTime,
    acceptsLine: z.boolean(),
    acceptsCounter: z.boolean(),
    lineRequiresJpki: z.boolean(),
    templates: z.object({
      received: template,
      approved: template,
      rejected: template.refine((t) => t.includes("{理由}"), { error: "却下の文面には {理由} を入れてください" }),
      returned: template.refine((t) => t.includes("{理由}"), { error: "差し戻しの文面には {理由} を入れてください" }),
      granted: template,
    }),
    /** Where the points go; empty: not said (the resident pages then say nothing about it). */
    emoneyName: safeText({ label: "電子マネーの名前", max: 60 })
      .nullish()
      .transform((value) => value || null),
    emoneyGuidance: safeText({ label: "アカウントの作り方", max: 500, multiline: true })
      .nullish()
      .transform((value) => value || null),
    translations: z
      .object({ "ja-easy": translationSchema("やさしい日本語"), en: translationSchema("英語") })
      .optional()
      .transform((value) => (value ? Object.fromEntries(Object.entries(value).filter(([, text]) => text)) : undefined)),
  })
  .refine((p) => p.filingClosesAt > p.filingOpensAt, { path: ["filingClosesAt"], error: "受付終了は受付開始より後にしてください" })
  .refine((p) => p.acceptsLine || p.acceptsCounter, { path: ["acceptsCounter"], error: "LINEか窓口の少なくとも一方で受け付けてください" });
export type ProgramInput = z.infer<typeof programSchema>;

export const updateProgramSchema = programSchema.and(z.object({ programId: z.uuid() }));

export const programStatusSchema = z.object({ programId: z.uuid(), status: z.enum(PROGRAM_STATUSES) });

export const ROSTER_MAX_BYTES = 20 * 1024 * 1024;
export const rosterImportSchema = z.object({
  programId: z.uuid({ error: "事業を選んでください" }),
  fileName: safeText({ label: "ファイル名", min: 1, max: 200 }),
  bytes: z
    .instanceof(Uint8Array, { error: "CSVファイルを選んでください" })
    .refine((b) => b.byteLength > 0, { error: "ファイルが空です" })
    .refine((b) => b.byteLength <= ROSTER_MAX_BYTES, { error: "ファイルが大きすぎます（20MBまで）" }),
  /** Households missing from the file leave the roster (and their mailed reference codes die) only when staff say so. */
  allowRemovals: z.boolean().default(false),
});

/** The counter's household search within one program's roster. */
export const householdSearchSchema = z.object({
  programId: z.uuid({ error: "事業を選んでください" }),
  q: safeText({ label: "検索語", max: 100 }).min(1, { error: "照会番号・氏名・カナ・住所・生年月日のどれかを入力してください" }),
});
