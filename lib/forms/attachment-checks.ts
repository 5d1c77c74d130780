import type { AttachmentType } from "@/db/schema/form-attachments";

/** Why an upload is refused before it is stored; each is worded for the resident (attachment-messages.ts). */
export type AttachmentRefusalCode = "wrong_type" | "too_big" | "empty" | "infected" | "scan_unavailable" | "not_a_file_question" | "bad_name";

/** The type the bytes really are, from their first bytes (a renamed file or a declared type proves nothing). */
export function sniffType(bytes: Uint8Array): AttachmentType | null {
  const starts = (...magic: number[]) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return "application/pdf"; // %PDF-
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  return null;
}

/**
 * An upload is accepted only when its declared type, its sniffed type and the question's accepted types agree and
 * it fits the question's size limit; the sniffed type is what gets stored.
 */
export function checkUpload(upload: { declaredType: string; size: number; bytes: Uint8Array }, question: { accept: readonly string[]; maxBytes: number }): { ok: true; type: AttachmentType } | { ok: false; code: AttachmentRefusalCode } {
  if (upload.size === 0 || upload.bytes.length === 0) return { ok: false, code: "empty" };
  if (upload.size > question.maxBytes || upload.bytes.length > question.maxBytes) return { ok: false, code: "too_big" };
  const sniffed = sniffType(upload.bytes);
  const declared = upload.declaredType.split(";")[0]!.trim().toLowerCase();
  if (!sniffed || sniffed !== declared || !question.accept.includes(sniffed)) return { ok: false, code: "wrong_type" };
  return { ok: true, type: sniffed };
}
