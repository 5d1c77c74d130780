import type { FilingChannel, FilingStatus } from "@/db/schema/filings";

export const CHANNEL_LABELS: Record<FilingChannel, string> = { line: "LINE", counter: "窓口" };

const monthDay = new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", month: "long", day: "numeric" });

/** The message the second filer of a household sees, e.g. 「この世帯は11月20日に窓口で申請済みです」. */
export function alreadyFiledMessage(existing: { submittedAt: Date | string; channel: FilingChannel }): string {
  return `この世帯は${monthDay.format(new Date(existing.submittedAt))}に${CHANNEL_LABELS[existing.channel]}で申請済みです。同じ世帯から重ねて申請することはできません。`;
}

export const FILING_STATUS_LABELS: Record<FilingStatus, string> = {
  submitted: "受付済み（審査待ち）",
  returned: "差し戻し（修正待ち）",
  approved: "承認済み（給付準備中）",
  granted: "給付済み",
  rejected: "却下",
  withdrawn: "取下げ",
  closed_duplicate: "重複のため取りまとめ",
};

/** Every status change a filing may make; anything else is refused. */
const TRANSITIONS: Record<FilingStatus, readonly FilingStatus[]> = {
  submitted: ["approved", "rejected", "returned", "withdrawn", "closed_duplicate"],
  returned: ["submitted", "rejected", "withdrawn", "closed_duplicate"],
  // → submitted: the e-money vendor could not grant, so the filing goes back to review with the vendor's reason.
  approved: ["granted", "submitted", "closed_duplicate"],
  granted: [],
  rejected: [],
  withdrawn: [],
  closed_duplicate: [],
};

/** Reasons the system writes on a filing's history (not staff's words): resident pages show them in the resident's language. */
export const SYSTEM_EVENT_REASONS = {
  resident_resubmitted: "住民が修正して再提出",
  resident_withdrew: "住民による取下げ",
  counter_resubmitted: "窓口で本人確認のうえ再提出",
} as const;
export type SystemEventReason = keyof typeof SYSTEM_EVENT_REASONS;

export function systemEventReasonOf(reason: string | null): SystemEventReason | null {
  return (Object.keys(SYSTEM_EVENT_REASONS) as SystemEventReason[]).find((key) => SYSTEM_EVENT_REASONS[key] === reason) ?? null;
}

export function canTransition(from: FilingStatus, to: FilingStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function transitionRefusal(from: FilingStatus): string {
  return `この申請はすでに「${FILING_STATUS_LABELS[from]}」のため、この操作はできません。画面を更新して最新の状態を確認してください。`;
}
