import { getCurrentStaff, getRequestId } from "@/lib/auth/session";
import { respondWithGuideLetters } from "../../_lib/respond";

/** Bulk PDF of the mailed guide letters, or with ?household=<世帯番号> one household's again (program.manage, audited). */
export async function GET(request: Request, { params }: { params: Promise<{ programId: string }> }): Promise<Response> {
  const { programId } = await params;
  const household = new URL(request.url).searchParams.get("household") ?? undefined;
  return respondWithGuideLetters({ actor: await getCurrentStaff(), requestId: await getRequestId() }, programId, household);
}
