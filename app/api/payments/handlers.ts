import { FORM_PAYMENT_HANDLERS } from "@/lib/forms/payments";
import type { PaymentHandlers } from "@/lib/payments/apply";

/** The services that own payment subjects, by subjectType: the app composes them so payments never imports a service. */
export const PAYMENT_HANDLERS: PaymentHandlers = { ...FORM_PAYMENT_HANDLERS };
