import { getCurrentStaff, getRequestId } from "@/lib/auth/session";
import { respondWithBatchFile } from "../../../../_lib/respond";

/** The vendor batch file, streamed; marks the batch exported once the file is complete (grant.batch). */
export async function GET(_request: Request, { params }: { params: Promise<{ programId: string; batchId: string }> }): Promise<Response> {
  const { programId, batchId } = await params;
  return respondWithBatchFile({ actor: await getCurrentStaff(), requestId: await getRequestId() }, programId, batchId);
}
