import { resubmitReturnedFiling, withdrawOwnFiling } from "@/lib/filings/resident-operations";
import { ensureInProcessWorker } from "@/lib/line/in-process";
import { runAsCurrentResident } from "@/lib/residents/current";
import { residentErrorJson, residentJson } from "@/lib/http/resident-json";
import { residentFailure } from "@/lib/residents/errors";

export const dynamic = "force-dynamic";

/** A resident resubmits a returned filing or withdraws one of their own: { "action": "resubmit" | "withdraw" }. */
export async function POST(request: Request, context: { params: Promise<{ filingId: string }> }): Promise<Response> {
  ensureInProcessWorker();
  const { filingId } = await context.params;
  const body = (await request.json().catch(() => null)) as { action?: string } | null;
  const operation = body?.action === "resubmit" ? resubmitReturnedFiling : body?.action === "withdraw" ? withdrawOwnFiling : null;
  if (!operation) return residentErrorJson(residentFailure(400, { code: "unknown_action" }));
  const result = await runAsCurrentResident(operation, { filingId }, request);
  if (!result.ok) return residentErrorJson(result);
  return residentJson(result.data);
}
