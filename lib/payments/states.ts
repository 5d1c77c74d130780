import type { PaymentFailure, PaymentStatus, RefundStatus } from "@/db/schema/payments";
import type { CheckoutSession, ProviderRefund } from "./provider";

/** success, failed and error are final (GOV.UK Pay): a late or repeated event never moves a payment out of them. */
export const FINAL_STATUSES: readonly PaymentStatus[] = ["success", "failed", "error"];

export type PaymentChange = { status: PaymentStatus; failure: PaymentFailure | null };

/** What a provider's view of the hosted session means for the payment; null when it changes nothing. */
export function changeFromSession(
  current: { status: PaymentStatus; cancelledBy: "resident" | "staff" | null; declinedAt: Date | null },
  session: Pick<CheckoutSession, "status" | "paymentStatus">,
  eventType: string | null,
): PaymentChange | null {
  if (FINAL_STATUSES.includes(current.status)) return null;
  if (eventType === "checkout.session.async_payment_failed") return { status: "failed", failure: "declined" };
  if (session.status === "complete" && session.paymentStatus === "paid") return { status: "success", failure: null };
  if (session.status === "expired") {
    const failure: PaymentFailure = current.cancelledBy ? "cancelled" : current.declinedAt ? "declined" : "expired";
    return { status: "failed", failure };
  }
  // Complete but unpaid: a コンビニ payment waiting at the store; the resident has started paying.
  if (current.status === "created" && session.status === "complete") return { status: "started", failure: null };
  return null;
}

/** A refund's provider status as ours; refunds only move forward from submitted. */
export function refundStatusOf(refund: Pick<ProviderRefund, "status">): RefundStatus {
  if (refund.status === "succeeded") return "success";
  if (refund.status === "failed" || refund.status === "canceled") return "error";
  return "submitted";
}

/** success is final; error may still turn into success when the provider later reports the money returned. */
export function refundChange(current: RefundStatus | null, refund: Pick<ProviderRefund, "status">): RefundStatus | null {
  const next = refundStatusOf(refund);
  if (current === next || current === "success") return null;
  if (current === "error" && next !== "success") return null;
  return next;
}
