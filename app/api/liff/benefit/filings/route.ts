import { submitLineFiling } from "@/lib/filings/resident-operations";
import { ensureInProcessWorker } from "@/lib/line/in-process";
import { runAsCurrentResident } from "@/lib/residents/current";
import { residentErrorJson, residentJson } from "@/lib/http/resident-json";

export const dynamic = "force-dynamic";

/** The resident confirms their LINE filing; the household is derived on the server from the verified identity. */
export async function POST(request: Request): Promise<Response> {
  ensureInProcessWorker();
  const input: unknown = await request.json().catch(() => null);
  const result = await runAsCurrentResident(submitLineFiling, input, request);
  if (!result.ok) {
    return residentErrorJson(result);
  }
  return residentJson(result.data, { status: 201 });
}
