import "server-only";
import { createHash } from "node:crypto";
import { and, eq, gt } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Executor } from "@/db";
import { ATTACHMENT_TYPES, formAttachments } from "@/db/schema/form-attachments";
import { formDrafts, formVersions } from "@/db/schema/forms";
import { writeAudit } from "@/lib/audit/log";
import { defineResidentOperation, runResidentGuarded, type ResidentActor } from "@/lib/residents/guard";
import { ResidentRefusal } from "@/lib/residents/errors";
import { textProblem } from "@/lib/validation/text";
import { type AttachmentRefusalCode, checkUpload } from "./attachment-checks";
import { type AttachmentScanner, getAttachmentScanner } from "./attachment-scan";
import { type AttachmentStore, getAttachmentStore, newStorageKey } from "./attachment-store";
import type { FileAnswer } from "./answers";
import { type FormDefinition, questionsOf } from "./definition";

type FileQuestion = Extract<FormDefinition["pages"][number]["questions"][number], { type: "file" }>;

export type UploadInput = { draftId: unknown; questionId: unknown; file: File | null };
export type UploadResult = { ok: true; data: { id: string; name: string; size: number; type: string } } | { ok: false; status: number; code: AttachmentRefusalCode | "invalid" };

const target = z.object({ draftId: z.uuid(), questionId: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/) });

/** The resident's own live draft and the file question it names on the draft's version, or null. */
async function draftQuestion(db: Executor, residentId: string, draftId: string, questionId: string): Promise<{ formId: string; question: FileQuestion } | null> {
  const [row] = await db
    .select({ formId: formDrafts.formId, definition: formVersions.definition })
    .from(formDrafts)
    .innerJoin(formVersions, eq(formVersions.id, formDrafts.versionId))
    .where(and(eq(formDrafts.id, draftId), eq(formDrafts.residentId, residentId), gt(formDrafts.expiresAt, new Date())));
  const found = row ? questionsOf(row.definition as FormDefinition).get(questionId) : undefined;
  return row && found?.question.type === "file" ? { formId: row.formId, question: found.question } : null;
}

/** The stored name: no directories, no control characters, at most 200 characters. */
function cleanFileName(name: string): string | null {
  const base = name.split(/[\\/]/).pop()!.normalize("NFC").trim();
  return base && [...base].length <= 200 && !textProblem(base, "") ? base : null;
}

const recordAttachment = defineResidentOperation({
  action: "form.attachment_upload",
  schema: z.object({
    draftId: z.uuid(), questionId: z.string(), fileName: z.string(), contentType: z.enum(ATTACHMENT_TYPES), size: z.number().int().positive(), sha256: z.string(), storageKey: z.string(), scanner: z.string(),
  }),
  run: async ({ data, tx, resident }) => {
    // Checked again inside the transaction: the draft may have been filed or have expired during the scan.
    const found = await draftQuestion(tx, resident.id, data.draftId, data.questionId);
    if (!found) throw new ResidentRefusal(404, { code: "invalid" });
    const [row] = await tx
      .insert(formAttachments)
      .values({ formId: found.formId, questionId: data.questionId, residentId: resident.id, fileName: data.fileName, contentType: data.contentType, size: data.size, sha256: data.sha256, storageKey: data.storageKey, scanStatus: "clean", scannedAt: new Date() })
      .returning();
    return { result: row!, audit: { action: "form.attachment_upload", entity: "form_attachment", entityId: row!.id, after: { formId: found.formId, questionId: data.questionId, size: data.size, type: data.contentType, sha256: data.sha256, scanner: data.scanner } } };
  },
});

/**
 * A resident attaches a file to a file question of their draft: the question must be on the draft's version, the
 * declared and sniffed types must agree with what it accepts, the size must fit, and the virus scan must pass.
 * Only then are the bytes kept (in the attachment store) and a clean row recorded; a refused file leaves nothing
 * but, for an infected one, an audit entry.
 */
export async function uploadAttachment(resident: ResidentActor, input: UploadInput, options: { requestId?: string | null; scanner?: AttachmentScanner | null; store?: AttachmentStore } = {}): Promise<UploadResult> {
  const parsed = target.safeParse(input);
  if (!parsed.success || !input.file) return { ok: false, status: 400, code: "invalid" };
  const { draftId, questionId } = parsed.data;
  const db = await getDb();
  const found = await draftQuestion(db, resident.id, draftId, questionId);
  if (!found) return { ok: false, status: 404, code: "not_a_file_question" };
  const fileName = cleanFileName(input.file.name);
  if (!fileName) return { ok: false, status: 400, code: "bad_name" };
  if (input.file.size > found.question.maxBytes) return { ok: false, status: 413, code: "too_big" };
  const bytes = new Uint8Array(await input.file.arrayBuffer());
  const checked = checkUpload({ declaredType: input.file.type, size: input.file.size, bytes }, found.question);
  if (!checked.ok) return { ok: false, status: checked.code === "too_big" ? 413 : 415, code: checked.code };

  const scanner = options.scanner === undefined ? getAttachmentScanner() : options.scanner;
  if (!scanner) return { ok: false, status: 503, code: "scan_unavailable" };
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const scan = await scanner.scan(bytes);
  if (scan.status !== "clean") {
    const actor = { type: "resident" as const, id: resident.id, label: resident.displayName };
    await writeAudit(db, { action: "form.attachment_refused", actor, requestId: options.requestId ?? null, entity: "form_draft", entityId: draftId, after: { questionId, size: bytes.length, sha256, scanner: scanner.name, ...(scan.status === "infected" ? { signature: scan.signature } : { error: scan.detail }) } });
    return scan.status === "infected" ? { ok: false, status: 422, code: "infected" } : { ok: false, status: 503, code: "scan_unavailable" };
  }

  const store = options.store ?? getAttachmentStore();
  const storageKey = newStorageKey();
  await store.put(storageKey, bytes);
  const recorded = await runResidentGuarded({ resident, requestId: options.requestId ?? null }, recordAttachment, { draftId, questionId, fileName, contentType: checked.type, size: bytes.length, sha256, storageKey, scanner: scanner.name }).catch(async (error: unknown) => {
    await store.delete(storageKey);
    throw error;
  });
  if (!recorded.ok) {
    await store.delete(storageKey);
    return { ok: false, status: recorded.status, code: "invalid" };
  }
  return { ok: true, data: { id: recorded.data.id, name: recorded.data.fileName, size: recorded.data.size, type: recorded.data.contentType } };
}

/** The resident's clean attachments on a form, as validateAnswers takes them (a file answer must name one). */
export async function getCleanAttachments(db: Executor, { residentId, formId }: { residentId: string; formId: string }): Promise<Map<string, FileAnswer & { questionId: string }>> {
  const rows = await db
    .select({ id: formAttachments.id, questionId: formAttachments.questionId, name: formAttachments.fileName, size: formAttachments.size, type: formAttachments.contentType })
    .from(formAttachments)
    .where(and(eq(formAttachments.residentId, residentId), eq(formAttachments.formId, formId), eq(formAttachments.scanStatus, "clean")));
  return new Map(rows.map((r) => [r.id, { fileId: r.id, name: r.name, size: r.size, type: r.type, questionId: r.questionId }]));
}
