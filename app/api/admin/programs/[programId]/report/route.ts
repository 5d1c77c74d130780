import { getCurrentStaff, getRequestId } from "@/lib/auth/session";
import { respondWithReportCsv } from "../../_lib/respond";

/** The program report as CSV, UTF-8 with BOM (program.report, audited as an export). */
export async function GET(_request: Request, { params }: { params: Promise<{ programId: string }> }): Promise<Response> {
  const { programId } = await params;
  return respondWithReportCsv({ actor: await getCurrentStaff(), requestId: await getRequestId() }, programId);
}
