import { getCurrentStaff, getRequestId } from "@/lib/auth/session";
import { respondWithGuideLetters } from "../../_lib/respond";

/** Bulk PDF of the mailed guide letters for every household of the program (program.manage, audited). */
export async function GET(_request: Request, { params }: { params: Promise<{ programId: string }> }): Promise<Response> {
  const { programId } = await params;
  return respondWithGuideLetters({ actor: await getCurrentStaff(), requestId: await getRequestId() }, programId);
}
