import { ATTACHMENT_MESSAGES } from "@/lib/forms/attachment-messages";
import { uploadAttachment } from "@/lib/forms/attachments";
import { ensureInProcessFormJobs } from "@/lib/forms/in-process";
import { residentJson } from "@/lib/http/resident-json";
import { getResidentLocale } from "@/lib/i18n/resident";
import { getCurrentResident, requestIdFromHeaders, residentRateLimit } from "@/lib/residents/current";

export const dynamic = "force-dynamic";

/** The largest file question allows 10 MB; a body much larger is refused before it is read. */
const MAX_BODY_BYTES = 10 * 1024 * 1024 + 64 * 1024;

/**
 * A file for a file question of the resident's draft (multipart: draftId, questionId, file). Answers `{ id, name, type,
 * size }` (the answer stores the id), or `{ error, code }` in the resident's language.
 */
export async function POST(request: Request): Promise<Response> {
  ensureInProcessFormJobs();
  const t = ATTACHMENT_MESSAGES[await getResidentLocale()];
  const refuse = (status: number, code: keyof typeof t) => residentJson({ error: t[code], code }, { status });
  const resident = await getCurrentResident();
  if (!resident) return refuse(401, "unauthenticated");
  if (!(await residentRateLimit("forms-attachments", 20)).allowed) return refuse(429, "rate_limited");
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return refuse(413, "too_big");
  if (!request.headers.get("content-type")?.toLowerCase().startsWith("multipart/form-data")) return refuse(400, "invalid");
  const form = await request.formData().catch(() => null);
  if (!form) return refuse(400, "invalid");
  const file = form.get("file");
  const result = await uploadAttachment(resident, { draftId: form.get("draftId"), questionId: form.get("questionId"), file: file instanceof File ? file : null }, { requestId: await requestIdFromHeaders() });
  if (!result.ok) return refuse(result.status, result.code);
  return residentJson({ id: result.data.id, name: result.data.name, size: result.data.size, type: result.data.type }, { status: 201 });
}
