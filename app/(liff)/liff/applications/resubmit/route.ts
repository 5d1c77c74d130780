import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { formSubmissions } from "@/db/schema/forms";
import { otherLiveDraft, startResubmissionOperation } from "@/lib/forms/resubmission";
import { getCurrentResident, requestIdFromHeaders, residentRateLimit } from "@/lib/residents/current";
import { runResidentGuarded } from "@/lib/residents/guard";
import { and, eq } from "drizzle-orm";

export const dynamic = "force-dynamic";

/**
 * 直して出し直す: opens a draft prefilled from the returned submission on the version it was filed on, then the
 * form pages (/liff/forms/<code>), which resume that draft.
 */
export async function POST(request: Request): Promise<Response> {
  const back = new URL("/liff/applications", request.url);
  const refuse = (code: string) => {
    back.searchParams.set("error", code);
    return NextResponse.redirect(back, 303);
  };
  const resident = await getCurrentResident();
  if (!resident) return NextResponse.redirect(new URL(`/liff?next=${encodeURIComponent("/liff/applications")}`, request.url), 303);
  if (!(await residentRateLimit("applications-resubmit", 10)).allowed) return refuse("rate_limited");
  const form = await request.formData().catch(() => null);
  const submissionId = form?.get("submissionId");
  if (typeof submissionId !== "string" || !/^[0-9a-f-]{36}$/.test(submissionId)) return refuse("invalid");
  // Said in the resident's language before the operation refuses it (it would otherwise replace unsent answers).
  const db = await getDb();
  const [own] = await db.select({ formId: formSubmissions.formId }).from(formSubmissions).where(and(eq(formSubmissions.id, submissionId), eq(formSubmissions.residentId, resident.id)));
  if (own && (await otherLiveDraft(db, { residentId: resident.id, formId: own.formId, submissionId }))) return refuse("draft_in_progress");
  const result = await runResidentGuarded({ resident, requestId: await requestIdFromHeaders() }, startResubmissionOperation, { submissionId });
  if (!result.ok) return refuse(result.resident?.code ?? "failed");
  return NextResponse.redirect(new URL(`/liff/forms/${result.data.formCode}`, request.url), 303);
}
