import type { BenefitProgram } from "@/db/schema/programs";
import type { FilingChannel } from "@/db/schema/filings";

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

/** Which closure keeps this channel from filing now; null when it is open. */
export function filingClosure(program: BenefitProgram, channel: FilingChannel, now: Date): FilingClosure | null {
  if (program.status !== "open") return "not_open";
  if (now < program.filingOpensAt) return "not_started";
  if (now > program.filingClosesAt) return "ended";
  if (channel === "line" && !program.acceptsLine) return "line_not_accepted";
  if (channel === "counter" && !program.acceptsCounter) return "counter_not_accepted";
  return null;
}

/** Points are always per person × members of the household on the roster. */
export function householdPoints(pointsPerPerson: number, memberCount: number): number {
  return pointsPerPerson * memberCount;
}
