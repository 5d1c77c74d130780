import { NextResponse } from "next/server";
import { PAYMENT_HANDLERS } from "@/app/api/payments/handlers";
import { getDb } from "@/db";
import { getResidentPayment } from "@/lib/forms/queries";
import { PaymentProviderError } from "@/lib/payments/provider";
import { closeHostedPayment } from "@/lib/payments/service";
import { getCurrentResident, requestIdFromHeaders } from "@/lib/residents/current";

export const dynamic = "force-dynamic";

/** The resident went back from the hosted page without paying: the page is closed (cancelled), the answers stay. */
export async function GET(request: Request, { params }: { params: Promise<{ paymentId: string }> }): Promise<Response> {
  const { paymentId } = await params;
  const here = new URL(request.url);
  const resident = await getCurrentResident();
  if (!resident) return NextResponse.redirect(new URL(`/liff?next=${encodeURIComponent(here.pathname)}`, here), 303);
  if (!/^[0-9a-f-]{36}$/.test(paymentId)) return NextResponse.redirect(new URL("/liff/forms", here), 303);
  const payment = await getResidentPayment(await getDb(), { residentId: resident.id, paymentId });
  if (!payment) return NextResponse.redirect(new URL("/liff/forms", here), 303);
  try {
    await closeHostedPayment(payment.id, "resident", PAYMENT_HANDLERS, { requestId: await requestIdFromHeaders() });
  } catch (error) {
    if (!(error instanceof PaymentProviderError)) throw error;
  }
  return NextResponse.redirect(new URL(`/liff/forms/submissions/${payment.subjectId}?cancelled=1`, here), 303);
}
