import type { FilingChannel, FilingStatus } from "@/db/schema/filings";
import { formatWareki } from "@/lib/dates/wareki";
import { CHANNEL_LABELS } from "@/lib/filings/rules";

export { CHANNEL_LABELS };

/** A LINE filing whose card address matched the roster only in part (e.g. a room number read as a block). */
export const PARTIAL_ADDRESS_LABEL = "住所一部一致";

export const STATUS_TONES: Record<FilingStatus, "neutral" | "success" | "error" | "warning" | "info"> = {
  submitted: "info",
  returned: "warning",
  approved: "success",
  granted: "success",
  rejected: "error",
  withdrawn: "neutral",
  closed_duplicate: "neutral",
};

const monthDay = new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", month: "long", day: "numeric" });
const jstDate = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" });

/** 「申請済み（11月20日・LINE）」: what the counter clerk must see before anything else. */
export function alreadyFiledBadge(filing: { submittedAt: Date | string; channel: FilingChannel }): string {
  return `申請済み（${monthDay.format(new Date(filing.submittedAt))}・${CHANNEL_LABELS[filing.channel]}）`;
}

/** A calendar date (YYYY-MM-DD) in 和暦, or the input unchanged if it cannot be read. */
export function wareki(iso: string): string {
  try {
    return formatWareki(iso);
  } catch {
    return iso;
  }
}

/** The Japan-time calendar day of an instant, in 和暦. */
export function warekiOfInstant(value: Date | string): string {
  return wareki(jstDate.format(new Date(value)));
}

export const points = (value: number) => `${value.toLocaleString("ja-JP")}ポイント`;
