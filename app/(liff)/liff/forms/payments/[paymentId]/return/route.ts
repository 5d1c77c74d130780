import { PAYMENT_HANDLERS } from "@/app/api/payments/handlers";
import { refreshPayment } from "@/lib/payments/service";
import { withResidentPayment } from "../../resident-payment";

export const dynamic = "force-dynamic";

/**
 * Back from the hosted payment page. The return itself proves nothing: a status query asks the provider, and only
 * its answer (or the signed webhook) marks the payment paid. Then the receipt page.
 */
export async function GET(request: Request, { params }: { params: Promise<{ paymentId: string }> }): Promise<Response> {
  const { paymentId } = await params;
  return withResidentPayment(request, paymentId, (payment, requestId) => refreshPayment(payment.id, PAYMENT_HANDLERS, { requestId }));
}
