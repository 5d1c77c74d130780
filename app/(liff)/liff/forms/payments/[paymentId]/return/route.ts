import { NextResponse } from "next/server";
import { PAYMENT_HANDLERS } from "@/app/api/payments/handlers";
import { getDb } from "@/db";
import { getResidentPayment } from "@/lib/forms/queries";
import { PaymentProviderError } from "@/lib/payments/provider";
import { refreshPayment } from "@/lib/payments/service";
import { getCurrentResident, requestIdFromHeaders } from "@/lib/residents/current";

export const dynamic = "force-dynamic";

/**
 * Back from the hosted payment page. The return itself proves nothing: a status query asks the provider, and only
 * its answer (or the signed webhook) marks the payment paid. Then the receipt page.
 */
export async function GET(request: Request, { params }: { params: Promise<{ paymentId: string }> }): Promise<Response> {
  const { paymentId } = await params;
  const here = new URL(request.url);
  const resident = await getCurrentResident();
  if (!resident) return NextResponse.redirect(new URL(`/liff?next=${encodeURIComponent(here.pathname)}`, here), 303);
  if (!/^[0-9a-f-]{36}$/.test(paymentId)) return NextResponse.redirect(new URL("/liff/forms", here), 303);
  const payment = await getResidentPayment(await getDb(), { residentId: resident.id, paymentId });
  if (!payment) return NextResponse.redirect(new URL("/liff/forms", here), 303);
  try {
    await refreshPayment(payment.id, PAYMENT_HANDLERS, { requestId: await requestIdFromHeaders() });
  } catch (error) {
    // The provider is unreachable: the receipt page says the payment is being confirmed; the webhook settles it.
    if (!(error instanceof PaymentProviderError)) throw error;
  }
  return NextResponse.redirect(new URL(`/liff/forms/submissions/${payment.subjectId}`, here), 303);
}
