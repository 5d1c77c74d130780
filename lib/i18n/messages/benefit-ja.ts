import type { FilingChannel, FilingStatus } from "@/db/schema/filings";

/**
 * The benefit's Japanese wording that the resident catalog (./ja.ts) and the staff screens share. It lives here,
 * below the benefit domain, so the catalog never imports a service (lib/filings and lib/programs re-export it).
 */

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

/** Why a program takes no filing through a channel now; resident pages word each in the resident's language. */
export const FILING_CLOSURES = ["not_open", "not_started", "ended", "line_not_accepted", "counter_not_accepted"] as const;
export type FilingClosure = (typeof FILING_CLOSURES)[number];

export const FILING_CLOSED_MESSAGES: Record<FilingClosure, string> = {
  not_open: "この事業は現在、申請を受け付けていません。",
  not_started: "申請の受付はまだ始まっていません。",
  ended: "申請の受付期間は終了しました。",
  line_not_accepted: "この事業はLINEでは申請できません。窓口で申請してください。",
  counter_not_accepted: "この事業は窓口では申請できません。",
};
