import "server-only";
import { eq } from "drizzle-orm";
import type { Transaction } from "@/db";
import type { Filing, FilingStatus } from "@/db/schema/filings";
import { benefitPrograms, type BenefitProgram, type MessageTemplateKey, type MessageTemplates } from "@/db/schema/programs";
import { residents } from "@/db/schema/residents";
import type { ResidentLocale } from "@/lib/i18n/locale";
import { enqueuePush } from "@/lib/line/outbox";
import { residentLocaleOrDefault } from "@/lib/residents/locale";
import { emoneyNoticeFor, grantFailureText, programNameFor, templateFor, type ProgramTexts } from "./resident-texts";

const TEMPLATE_FOR: Partial<Record<FilingStatus, MessageTemplateKey>> = {
  submitted: "received",
  approved: "approved",
  rejected: "rejected",
  returned: "returned",
  granted: "granted",
};

const CLOSED_DUPLICATE_TEXT: Record<ResidentLocale, string> = {
  ja: "{事業名}: 同じ世帯から別の申請があったため、この申請（受付番号 {受付番号}）は取りまとめました。給付は世帯でひとつの申請に対して行われます。\n理由: {理由}",
  "ja-easy": "{事業名}: 同じ 世帯から べつの もうしこみが あったので、この もうしこみ（受付番号 {受付番号}）は いっしょに しました。ポイントは 1つの 世帯に 1回 わたします。\nわけ: {理由}",
  en: "{事業名}: another application came from your household, so this one (receipt number {受付番号}) was merged with it. Each household receives the points once.\nReason: {理由}",
};

/** Fills {事業名} {受付番号} {ポイント} {理由} in a staff-written template. */
export function renderTemplate(
  template: string,
  values: { programName: string; receiptNumber: string; points: number; reason: string | null },
): string {
  return template
    .replaceAll("{事業名}", values.programName)
    .replaceAll("{受付番号}", values.receiptNumber)
    .replaceAll("{ポイント}", values.points.toLocaleString("ja-JP"))
    .replaceAll("{理由}", values.reason ?? "");
}

/**
 * The message for a filing's new status in the resident's language: staff's template for that language, else
 * the system default; the receipt also says where the points go and how to get an account.
 */
export function messageTextFor(
  status: FilingStatus,
  program: ProgramTexts,
  values: Omit<Parameters<typeof renderTemplate>[1], "programName">,
  locale: ResidentLocale = "ja",
): string | null {
  const filled = { ...values, programName: programNameFor(program, locale) };
  if (status === "closed_duplicate") return renderTemplate(CLOSED_DUPLICATE_TEXT[locale], filled);
  const key = TEMPLATE_FOR[status];
  if (!key) return null;
  const text = renderTemplate(templateFor(program, key, locale), filled);
  const emoney = key === "received" ? emoneyNoticeFor(program, locale) : null;
  return emoney ? `${text}\n\n${emoney}` : text;
}

/** Who gets a filing's messages, in which language, with which program texts; callers that already hold these skip a read. */
export type FilingMessageContext = {
  lineUserId: string;
  templates: MessageTemplates;
  programName: string;
  /** The resident's stored language; read when not given. */
  locale?: string | null;
  /** The program's e-money guidance and translations; read when not given. */
  program?: Pick<BenefitProgram, "emoneyName" | "emoneyGuidance" | "translations">;
};

async function recipientOf(tx: Transaction, filing: Filing, context?: FilingMessageContext) {
  if (context && context.locale !== undefined && context.program) {
    return { lineUserId: context.lineUserId, locale: residentLocaleOrDefault(context.locale), program: { ...context.program, name: context.programName, templates: context.templates } };
  }
  const [row] = await tx
    .select({
      lineUserId: residents.lineUserId,
      locale: residents.locale,
      name: benefitPrograms.name,
      templates: benefitPrograms.templates,
      emoneyName: benefitPrograms.emoneyName,
      emoneyGuidance: benefitPrograms.emoneyGuidance,
      translations: benefitPrograms.translations,
    })
    .from(residents)
    .innerJoin(benefitPrograms, eq(benefitPrograms.id, filing.programId))
    .where(eq(residents.id, filing.residentId!))
    .limit(1);
  return row ? { lineUserId: row.lineUserId, locale: residentLocaleOrDefault(row.locale), program: row } : null;
}

/**
 * Queues the LINE message for a LINE filer in the transaction of the change it announces, in the language the
 * resident chose; counter filers get a printed receipt instead. One message per filing and status (dedupe key).
 */
export async function notifyFilingChange(
  tx: Transaction,
  { filing, reason, context }: { filing: Filing; reason: string | null; context?: FilingMessageContext },
) {
  if (!filing.residentId) return;
  const recipient = await recipientOf(tx, filing, context);
  if (!recipient) return;
  const text = messageTextFor(filing.status, recipient.program, { receiptNumber: filing.receiptNumber, points: filing.points, reason }, recipient.locale);
  if (!text) return;
  await enqueuePush(tx, {
    to: recipient.lineUserId,
    messages: [{ type: "text", text }],
    cause: `filing:${filing.id}:${filing.status}`,
    dedupeKey: `filing:${filing.id}:${filing.status}:${filing.updatedAt.getTime()}`,
  });
}

/** The e-money vendor could not grant: the LINE filer hears it in plain words, in their language, with what to do. */
export async function notifyGrantFailed(tx: Transaction, { filing, vendorReason, batchId }: { filing: Filing; vendorReason: string | null; batchId: string }) {
  if (!filing.residentId) return;
  const recipient = await recipientOf(tx, filing);
  if (!recipient) return;
  await enqueuePush(tx, {
    to: recipient.lineUserId,
    messages: [{ type: "text", text: grantFailureText(recipient.program, recipient.locale, { receiptNumber: filing.receiptNumber, vendorReason }) }],
    cause: `filing:${filing.id}:grant_failed`,
    dedupeKey: `filing:${filing.id}:grant_failed:${batchId}`,
  });
}
