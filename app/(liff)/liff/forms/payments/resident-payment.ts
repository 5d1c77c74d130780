import { NextResponse } from "next/server";
import type { Payment } from "@/db/schema/payments";
import { getDb } from "@/db";
import { getResidentPayment } from "@/lib/forms/queries";
import { PaymentProviderError } from "@/lib/payments/provider";
import { getCurrentResident, requestIdFromHeaders } from "@/lib/residents/current";

/**
 * The shared half of the return and cancel links: the signed-in resident's own payment, the provider call
 * (`work`; an unreachable provider is left to the webhook), then the receipt page.
 */
export async function withResidentPayment(
  request: Request,
  paymentId: string,
  work: (payment: Payment, requestId: string) => Promise<unknown>,
  receiptQuery = "",
): Promise<Response> {
  const here = new URL(request.url);
  const resident = await getCurrentResident();
  if (!resident) return NextResponse.redirect(new URL(`/liff?next=${encodeURIComponent(here.pathname)}`, here), 303);
  if (!/^[0-9a-f-]{36}$/.test(paymentId)) return NextResponse.redirect(new URL("/liff/forms", here), 303);
  const payment = await getResidentPayment(await getDb(), { residentId: resident.id, paymentId });
  if (!payment) return NextResponse.redirect(new URL("/liff/forms", here), 303);
  try {
    await work(payment, await requestIdFromHeaders());
  } catch (error) {
    if (!(error instanceof PaymentProviderError)) throw error;
  }
  return NextResponse.redirect(new URL(`/liff/forms/submissions/${payment.subjectId}${receiptQuery}`, here), 303);
}
