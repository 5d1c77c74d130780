import type { NextRequest } from "next/server";
import { getCurrentStaff, getRequestId } from "@/lib/auth/session";
import { respondWithAuditExport } from "@/lib/audit-viewer/export";

/** CSV export of the audit log with the search screen's filters (system administrators only). */
export async function GET(request: NextRequest): Promise<Response> {
  const actor = await getCurrentStaff();
  return respondWithAuditExport({ actor, requestId: await getRequestId() }, request.nextUrl.searchParams);
}
