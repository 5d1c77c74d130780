import type { Payment } from "@/db/schema/payments";

/** The reconciliation's states: GOV.UK Pay's, a failure by its reason, and a refund by its own state. */
export const RECONCILIATION_STATES = [
  "created",
  "started",
  "success",
  "failed_declined",
  "failed_expired",
  "failed_cancelled",
  "error",
  "refund_submitted",
  "refund_success",
  "refund_error",
] as const;
export type ReconciliationState = (typeof RECONCILIATION_STATES)[number];

export const RECONCILIATION_STATE_LABELS: Record<ReconciliationState, string> = {
  created: "作成",
  started: "支払い中（保留）",
  success: "支払い済み",
  failed_declined: "失敗（カードなどが使えなかった）",
  failed_expired: "失敗（期限切れ）",
  failed_cancelled: "失敗（取り消し）",
  error: "エラー",
  refund_submitted: "返金の依頼中",
  refund_success: "返金済み",
  refund_error: "返金エラー",
};

/** Open states, re-checked with the provider by 「保留中を再確認」 and the daily job. */
export const PENDING_STATES: readonly ReconciliationState[] = ["created", "started", "refund_submitted"];

export function reconciliationStateOf(payment: Pick<Payment, "status" | "failure" | "refundStatus">): ReconciliationState {
  if (payment.refundStatus) return `refund_${payment.refundStatus}`;
  if (payment.status === "failed") return `failed_${payment.failure ?? "declined"}`;
  return payment.status;
}

/** A JST calendar day (YYYY-MM-DD) as the instants [from, to): Japan has no daylight saving, so always 24 hours. */
export function jstDayBounds(day: string): { from: Date; to: Date } {
  const from = new Date(`${day}T00:00:00+09:00`);
  return { from, to: new Date(from.getTime() + 86_400_000) };
}

export type StateTotal = { state: ReconciliationState; label: string; count: number; amount: number };
export type GroupTotal = { key: string; label: string; count: number; collected: number; refunded: number; pending: number; byState: Partial<Record<ReconciliationState, number>> };

/**
 * Totals of one day's payments: by state (count and yen) and by group (e.g. form): collected is what was paid
 * (refunded ones included), refunded what went back, pending what is still open.
 */
export function reconciliationTotals(rows: readonly { state: ReconciliationState; amount: number; groupKey: string; groupLabel: string }[]): { byState: StateTotal[]; byGroup: GroupTotal[]; total: { count: number; collected: number; refunded: number } } {
  const byState = RECONCILIATION_STATES.map((state) => ({ state, label: RECONCILIATION_STATE_LABELS[state], count: 0, amount: 0 }));
  const groups = new Map<string, GroupTotal>();
  const total = { count: 0, collected: 0, refunded: 0 };
  for (const row of rows) {
    const stateTotal = byState.find((entry) => entry.state === row.state)!;
    stateTotal.count++;
    stateTotal.amount += row.amount;
    const group = groups.get(row.groupKey) ?? { key: row.groupKey, label: row.groupLabel, count: 0, collected: 0, refunded: 0, pending: 0, byState: {} };
    group.count++;
    group.byState[row.state] = (group.byState[row.state] ?? 0) + 1;
    const paid = row.state === "success" || row.state.startsWith("refund_");
    if (paid) group.collected += row.amount;
    if (row.state === "refund_success") group.refunded += row.amount;
    if (row.state === "created" || row.state === "started") group.pending += row.amount;
    groups.set(row.groupKey, group);
    total.count++;
    if (paid) total.collected += row.amount;
    if (row.state === "refund_success") total.refunded += row.amount;
  }
  return { byState, byGroup: [...groups.values()].sort((a, b) => a.label.localeCompare(b.label, "ja")), total };
}
