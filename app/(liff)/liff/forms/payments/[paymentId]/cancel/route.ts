import { PAYMENT_HANDLERS } from "@/app/api/payments/handlers";
import { closeHostedPayment } from "@/lib/payments/service";
import { withResidentPayment } from "../../resident-payment";

export const dynamic = "force-dynamic";

/** The resident went back from the hosted page without paying: the page is closed (cancelled), the answers stay. */
export async function GET(request: Request, { params }: { params: Promise<{ paymentId: string }> }): Promise<Response> {
  const { paymentId } = await params;
  return withResidentPayment(request, paymentId, (payment, requestId) => closeHostedPayment(payment.id, "resident", PAYMENT_HANDLERS, { requestId }), "?cancelled=1");
}
