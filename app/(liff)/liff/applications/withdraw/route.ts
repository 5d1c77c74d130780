import { NextResponse } from "next/server";
import { withdrawSubmission } from "@/lib/forms/withdraw";
import { getCurrentResident, requestIdFromHeaders, residentRateLimit } from "@/lib/residents/current";

export const dynamic = "force-dynamic";

/** 取下げ (the confirmation form on /liff/applications): withdraws the resident's own submission, refunding a paid fee. */
export async function POST(request: Request): Promise<Response> {
  const back = new URL("/liff/applications", request.url);
  const resident = await getCurrentResident();
  if (!resident) return NextResponse.redirect(new URL(`/liff?next=${encodeURIComponent("/liff/applications")}`, request.url), 303);
  if (!(await residentRateLimit("applications-withdraw", 10)).allowed) {
    back.searchParams.set("error", "rate_limited");
    return NextResponse.redirect(back, 303);
  }
  const form = await request.formData().catch(() => null);
  const submissionId = form?.get("submissionId");
  const result = await withdrawSubmission({ resident, requestId: await requestIdFromHeaders() }, { submissionId: typeof submissionId === "string" ? submissionId : "" });
  if (!result.ok) {
    back.searchParams.set("error", result.resident?.code ?? "failed");
    return NextResponse.redirect(back, 303);
  }
  back.searchParams.set("done", "withdrawn");
  if (result.data.refund) back.searchParams.set("refund", result.data.refund.ok ? "started" : "failed");
  back.hash = `application-${result.data.submission.id}`;
  return NextResponse.redirect(back, 303);
}
