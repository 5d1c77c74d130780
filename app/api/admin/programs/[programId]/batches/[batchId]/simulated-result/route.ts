import type { NextRequest } from "next/server";
import { getCurrentStaff, getRequestId } from "@/lib/auth/session";
import { respondWithSimulatedResult } from "../../../../_lib/respond";

/** Development only: the e-money simulator's result file for an exported batch (404 without USE_SIMULATORS). */
export async function GET(request: NextRequest, { params }: { params: Promise<{ programId: string; batchId: string }> }): Promise<Response> {
  const { programId, batchId } = await params;
  const failureRate = Number(request.nextUrl.searchParams.get("failureRate") ?? "0");
  return respondWithSimulatedResult({ actor: await getCurrentStaff(), requestId: await getRequestId() }, programId, batchId, failureRate);
}
