"use server";

import { revalidatePath } from "next/cache";
import { getCurrentStaff, getRequestId, runAsCurrentStaff } from "@/lib/auth/session";
import { fileFormAtCounter } from "./counter";
import { completeSubmissionOperation, decideSubmission, fixFeeOperation } from "./review";
import { bulkApproveSubmissions, bulkMailSubmissions } from "./review-bulk";

// Thin wrappers: the operation's guard does session, permission, validation, transaction and audit.

function revalidate() {
  revalidatePath("/admin/submissions", "layout");
  revalidatePath("/admin/inbox");
}

export async function decideSubmissionAction(input: unknown) {
  const result = await decideSubmission({ actor: await getCurrentStaff(), requestId: await getRequestId() }, input);
  if (result.ok) revalidate();
  // Only what the screen shows crosses to the client: the new status and the refund's outcome.
  return result.ok ? { ok: true as const, data: { status: result.data.submission.status, refund: result.data.refund ? (result.data.refund.ok ? { ok: true as const, amount: result.data.refund.payment.amount, refundStatus: result.data.refund.payment.refundStatus } : { ok: false as const, code: result.data.refund.code }) : null } } : result;
}

export async function fixFeeAction(input: unknown) {
  const result = await runAsCurrentStaff(fixFeeOperation, input);
  if (result.ok) revalidate();
  return result.ok ? { ok: true as const, data: { feeAmount: result.data.feeAmount } } : result;
}

export async function completeSubmissionAction(input: unknown) {
  const result = await runAsCurrentStaff(completeSubmissionOperation, input);
  if (result.ok) revalidate();
  return result.ok ? { ok: true as const, data: { completion: result.data.completion } } : result;
}

export async function bulkApproveSubmissionsAction(input: unknown) {
  const result = await runAsCurrentStaff(bulkApproveSubmissions, input);
  if (result.ok) revalidate();
  return result;
}

export async function bulkMailSubmissionsAction(input: unknown) {
  const result = await runAsCurrentStaff(bulkMailSubmissions, input);
  if (result.ok) revalidate();
  return result;
}

export async function fileFormAtCounterAction(input: unknown) {
  const result = await runAsCurrentStaff(fileFormAtCounter, input);
  if (result.ok) revalidate();
  return result.ok ? { ok: true as const, data: { submissionId: result.data.submission.id, reference: result.data.submission.reference } } : result;
}
