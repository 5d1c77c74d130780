"use server";

import { revalidatePath } from "next/cache";
import { PAYMENT_HANDLERS } from "@/app/api/payments/handlers";
import { getRequestId, runAsCurrentStaff } from "@/lib/auth/session";
import { claimPendingPaymentsOfDay } from "@/lib/forms/reconciliation";
import { ensureInProcessWorker } from "@/lib/line/in-process";
import { recheckPayments } from "@/lib/payments/service";

export type RecheckOutcome = { ok: true; checked: number; changed: number; failed: number } | { ok: false; error: string };

/** 「保留中を再確認」: the guard names and audits the day's open payments; then the provider is asked about each. */
export async function recheckPendingAction(input: unknown): Promise<RecheckOutcome> {
  const claimed = await runAsCurrentStaff(claimPendingPaymentsOfDay, input);
  if (!claimed.ok) return { ok: false, error: claimed.error };
  const result = await recheckPayments(claimed.data.ids, PAYMENT_HANDLERS, { requestId: await getRequestId() });
  revalidatePath("/admin/payments");
  // A payment now paid may have queued a LINE message to the resident.
  if (result.changed > 0) ensureInProcessWorker();
  return { ok: true, ...result };
}
