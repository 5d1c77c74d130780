import type { FilingStatus } from "@/db/schema/filings";

export { alreadyFiledMessage, CHANNEL_LABELS, FILING_STATUS_LABELS } from "@/lib/i18n/messages/benefit-ja";
import { FILING_STATUS_LABELS } from "@/lib/i18n/messages/benefit-ja";

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
