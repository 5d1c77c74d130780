import { NextResponse } from "next/server";
import { payForSubmission } from "@/lib/forms/payments";
import { getResidentLocale } from "@/lib/i18n/resident";
import { getCurrentResident, requestIdFromHeaders, residentRateLimit } from "@/lib/residents/current";

export const dynamic = "force-dynamic";

/** 手数料を納付する: opens (or reuses) the hosted payment page for the resident's own submission and goes there. */
export async function POST(request: Request, context: { params: Promise<{ submissionId: string }> }): Promise<Response> {
  return pay(request, context);
}

/** The same as a plain link: CSP form-action also applies to a form post's redirect to the payment provider's origin. */
export async function GET(request: Request, context: { params: Promise<{ submissionId: string }> }): Promise<Response> {
  return pay(request, context);
}

async function pay(request: Request, { params }: { params: Promise<{ submissionId: string }> }): Promise<Response> {
  const { submissionId } = await params;
  const here = new URL(request.url);
  const resident = await getCurrentResident();
  if (!resident) return NextResponse.redirect(new URL("/liff", here), 303);
  const receipt = new URL(`/liff/forms/submissions/${submissionId}`, here);
  if (!/^[0-9a-f-]{36}$/.test(submissionId)) return NextResponse.redirect(new URL("/liff/forms", here), 303);
  if (!(await residentRateLimit("forms-pay")).allowed) return NextResponse.redirect(receipt, 303);
  const result = await payForSubmission(resident, { submissionId, locale: await getResidentLocale() }, { requestId: await requestIdFromHeaders() });
  if (!result.ok) {
    receipt.searchParams.set("payment", result.code);
    return NextResponse.redirect(receipt, 303);
  }
  return NextResponse.redirect(result.url, 303);
}
