import "server-only";
import { eq } from "drizzle-orm";
import type { Transaction } from "@/db";
import type { Filing, FilingStatus } from "@/db/schema/filings";
import { benefitPrograms, type MessageTemplateKey, type MessageTemplates } from "@/db/schema/programs";
import { residents } from "@/db/schema/residents";
import { enqueuePush } from "@/lib/line/outbox";

const TEMPLATE_FOR: Partial<Record<FilingStatus, MessageTemplateKey>> = {
  submitted: "received",
  approved: "approved",
  rejected: "rejected",
  returned: "returned",
  granted: "granted",
};

const CLOSED_DUPLICATE_TEXT =
  "{事業名}: 同じ世帯から別の申請があったため、この申請（受付番号 {受付番号}）は取りまとめました。給付は世帯でひとつの申請に対して行われます。\n理由: {理由}";

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

export function messageTextFor(
  status: FilingStatus,
  templates: MessageTemplates,
  values: Parameters<typeof renderTemplate>[1],
): string | null {
  if (status === "closed_duplicate") return renderTemplate(CLOSED_DUPLICATE_TEXT, values);
  const key = TEMPLATE_FOR[status];
  return key ? renderTemplate(templates[key], values) : null;
}

/** Who gets a filing's messages and with which templates; callers that already hold these skip a read. */
export type FilingMessageContext = { lineUserId: string; templates: MessageTemplates; programName: string };

/**
 * Queues the LINE message for a LINE filer in the transaction of the change it announces;
 * counter filers get a printed receipt instead. One message per filing and status (dedupe key).
 */
export async function notifyFilingChange(
  tx: Transaction,
  { filing, reason, context }: { filing: Filing; reason: string | null; context?: FilingMessageContext },
) {
  if (!filing.residentId) return;
  const [row] = context
    ? [context]
    : await tx
        .select({ lineUserId: residents.lineUserId, templates: benefitPrograms.templates, programName: benefitPrograms.name })
        .from(residents)
        .innerJoin(benefitPrograms, eq(benefitPrograms.id, filing.programId))
        .where(eq(residents.id, filing.residentId))
        .limit(1);
  if (!row) return;
  const text = messageTextFor(filing.status, row.templates, {
    programName: row.programName,
    receiptNumber: filing.receiptNumber,
    points: filing.points,
    reason,
  });
  if (!text) return;
  await enqueuePush(tx, {
    to: row.lineUserId,
    messages: [{ type: "text", text }],
    cause: `filing:${filing.id}:${filing.status}`,
    dedupeKey: `filing:${filing.id}:${filing.status}:${filing.updatedAt.getTime()}`,
  });
}
