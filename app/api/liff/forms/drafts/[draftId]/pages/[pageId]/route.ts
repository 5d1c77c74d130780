import { saveDraftPageOperation } from "@/lib/forms/filling";
import { residentErrorJson, residentJson } from "@/lib/http/resident-json";
import { runAsCurrentResident } from "@/lib/residents/current";

export const dynamic = "force-dynamic";

/** Saves one screen of the resident's draft: `{ answers, locale }` → `{ nextPageId, nextAfterChangePageId, expiresAt }`. */
export async function POST(request: Request, { params }: { params: Promise<{ draftId: string; pageId: string }> }): Promise<Response> {
  const { draftId, pageId } = await params;
  const body = (await request.json().catch(() => null)) as { answers?: unknown; locale?: unknown } | null;
  const result = await runAsCurrentResident(saveDraftPageOperation, { draftId, pageId, answers: body?.answers, locale: body?.locale }, request);
  if (!result.ok) return residentErrorJson(result);
  return residentJson({ nextPageId: result.data.nextPageId, nextAfterChangePageId: result.data.nextAfterChangePageId, expiresAt: result.data.draft.expiresAt.toISOString() });
}
