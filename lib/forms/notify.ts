import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db";
import { type FormSubmission, formVersions } from "@/db/schema/forms";
import { residents } from "@/db/schema/residents";
import { liffUrl } from "@/lib/line/links";
import { enqueuePush } from "@/lib/line/outbox";
import { residentLocaleOrDefault } from "@/lib/residents/locale";
import { type FormDefinition, textIn } from "./definition";
import { FORM_MESSAGES } from "./messages";

type Line = (typeof FORM_MESSAGES)["ja"]["line"];
export type SubmissionEvent =
  | { kind: "submitted" }
  | { kind: "paid"; amount: number }
  | { kind: "payment_needed"; amount: number }
  | { kind: "approved" }
  | { kind: "rejected"; reason: string }
  | { kind: "returned"; reason: string }
  | { kind: "refunded"; amount: number }
  | { kind: "completed"; how: "issued" | "mailed"; date: string }
  | { kind: "withdrawn" };

function textOf(line: Line, event: SubmissionEvent, title: string, reference: string, id: string): string {
  switch (event.kind) {
    case "submitted": return line.submitted(title, reference);
    case "paid": return line.paid(title, reference, event.amount);
    case "payment_needed": return line.paymentNeeded(title, reference, event.amount, liffUrl(`/forms/submissions/${id}`));
    case "approved": return line.approved(title, reference);
    case "rejected": return line.rejected(title, reference, event.reason);
    case "returned": return line.returned(title, reference, event.reason);
    case "refunded": return line.refunded(title, reference, event.amount);
    case "completed": return event.how === "mailed" ? line.mailed(title, reference, event.date) : line.issued(title, reference, event.date);
    case "withdrawn": return line.withdrawn(title, reference);
  }
}

/**
 * Queues the LINE messages announcing a submission's change, in the resident's chosen language, in the transaction
 * of the change (a caller driven by an outside event passes its dedupe key). Counter submissions get none.
 */
export async function notifySubmission(tx: Executor, submission: Pick<FormSubmission, "id" | "reference" | "residentId" | "versionId">, events: SubmissionEvent[], options: { dedupeKey?: string } = {}): Promise<void> {
  if (!submission.residentId || events.length === 0) return;
  const [resident] = await tx.select({ lineUserId: residents.lineUserId, locale: residents.locale }).from(residents).where(eq(residents.id, submission.residentId));
  const [version] = await tx.select({ definition: formVersions.definition }).from(formVersions).where(eq(formVersions.id, submission.versionId));
  if (!resident || !version) return;
  const locale = residentLocaleOrDefault(resident.locale);
  const title = textIn((version.definition as FormDefinition).title, locale);
  const line = FORM_MESSAGES[locale].line;
  await enqueuePush(tx, {
    to: resident.lineUserId,
    messages: events.map((event) => ({ type: "text" as const, text: textOf(line, event, title, submission.reference, submission.id) })),
    cause: `form_submission:${submission.id}:${events.map((e) => e.kind).join("+")}`,
    dedupeKey: options.dedupeKey,
  });
}
