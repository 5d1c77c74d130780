import { handlePaymentWebhook } from "@/lib/payments/webhook";
import { PAYMENT_HANDLERS } from "../handlers";

export const dynamic = "force-dynamic";

/**
 * The payment provider's webhook (Stripe-Signature over the raw body). 400 for anything unverified, so nothing
 * is stored but an audit entry; 200 once the event is logged, including a repeated one; 5xx lets the provider retry.
 */
export async function POST(request: Request): Promise<Response> {
  const rawBody = await request.text();
  const result = await handlePaymentWebhook(rawBody, request.headers.get("stripe-signature"), PAYMENT_HANDLERS, {
    requestId: request.headers.get("x-request-id"),
  });
  if (result.status !== 200) return Response.json({ error: "invalid signature" }, { status: 400 });
  return Response.json({ received: true });
}
