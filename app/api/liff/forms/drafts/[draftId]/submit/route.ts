import { submitDraftOperation } from "@/lib/forms/submissions";
import { residentErrorJson, residentJson } from "@/lib/http/resident-json";
import { ensureInProcessWorker } from "@/lib/line/in-process";
import { runAsCurrentResident } from "@/lib/residents/current";

export const dynamic = "force-dynamic";

/** Files the resident's draft: `{ locale }` → `{ submissionId, needsPayment }` (201). */
export async function POST(request: Request, { params }: { params: Promise<{ draftId: string }> }): Promise<Response> {
  ensureInProcessWorker();
  const { draftId } = await params;
  const body = (await request.json().catch(() => null)) as { locale?: unknown } | null;
  const result = await runAsCurrentResident(submitDraftOperation, { draftId, locale: body?.locale }, request);
  if (!result.ok) return residentErrorJson(result);
  return residentJson({ submissionId: result.data.submission.id, needsPayment: result.data.needsPayment }, { status: 201 });
}
