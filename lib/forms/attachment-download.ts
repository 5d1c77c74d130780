import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { formAttachments, type FormAttachment } from "@/db/schema/form-attachments";
import { formSubmissions } from "@/db/schema/forms";
import { GuardError, runGuarded, type GuardContext } from "@/lib/auth/guard";
import { defineOperation } from "@/lib/auth/operation";
import { type AttachmentStore, getAttachmentStore } from "./attachment-store";

const ids = z.object({
  submissionId: z.uuid({ error: "申請が正しく指定されていません。画面を更新してください" }),
  attachmentId: z.uuid({ error: "添付ファイルが正しく指定されていません。画面を更新してください" }),
});

/** Whether an answer set names the attachment (top-level file answers: file questions are never inside a group). */
function answersName(answers: unknown, attachmentId: string): boolean {
  return typeof answers === "object" && answers !== null && Object.values(answers).some((value) => typeof value === "object" && value !== null && (value as { fileId?: unknown }).fileId === attachmentId);
}

/** A submission's attachment for its department's staff (form.view); every download is audited. */
export const downloadAttachmentOperation = defineOperation({
  action: "form.view",
  schema: ids,
  departments: async (data, tx) => {
    const [row] = await tx.select({ departmentId: formSubmissions.departmentId }).from(formSubmissions).where(eq(formSubmissions.id, data.submissionId));
    if (!row) throw new GuardError(404, "申請が見つかりません。");
    return [row.departmentId];
  },
  run: async ({ data, tx }) => {
    const [submission] = await tx.select().from(formSubmissions).where(eq(formSubmissions.id, data.submissionId));
    const [attachment] = await tx.select().from(formAttachments).where(eq(formAttachments.id, data.attachmentId));
    // Only a file this submission's answers name: an id alone never opens another resident's upload.
    if (!attachment || attachment.formId !== submission!.formId || attachment.scanStatus !== "clean" || !answersName(submission!.answers, attachment.id)) throw new GuardError(404, "添付ファイルが見つかりません。");
    return {
      result: attachment,
      audit: { action: "form_submission.attachment_download", entity: "form_submission", entityId: submission!.id, departmentId: submission!.departmentId, after: { attachmentId: attachment.id, questionId: attachment.questionId, sha256: attachment.sha256 } },
    };
  },
});

/** RFC 6266 / 5987: an ASCII fallback name and the real name percent-encoded as UTF-8 (attr-char only). */
export function contentDisposition(fileName: string, fallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback.replace(/[^A-Za-z0-9._-]/g, "_")}"; filename*=UTF-8''${encoded}`;
}

const EXTENSIONS: Record<FormAttachment["contentType"], string> = { "application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png" };
const HEADERS = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Content-Security-Policy": "sandbox; default-src 'none'" } as const;

/** GET …/attachments/[attachmentId]: the file as stored, or the guard's refusal as JSON (401, 403, 404). */
export async function respondWithAttachment(context: GuardContext, input: { submissionId: string; attachmentId: string }, store: AttachmentStore = getAttachmentStore()): Promise<Response> {
  const outcome = await runGuarded(context, downloadAttachmentOperation, input);
  if (!outcome.ok) return Response.json({ error: outcome.error }, { status: outcome.status, headers: HEADERS });
  const attachment = outcome.data;
  const bytes = await store.get(attachment.storageKey);
  if (!bytes) return Response.json({ error: "添付ファイルの保存先にファイルがありません。システム管理者に連絡してください。" }, { status: 404, headers: HEADERS });
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: { ...HEADERS, "Content-Type": attachment.contentType, "Content-Length": String(bytes.length), "Content-Disposition": contentDisposition(attachment.fileName, `attachment-${attachment.id.slice(0, 8)}.${EXTENSIONS[attachment.contentType]}`) },
  });
}
