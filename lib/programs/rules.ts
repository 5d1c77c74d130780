import type { BenefitProgram } from "@/db/schema/programs";
import type { FilingChannel } from "@/db/schema/filings";

export { FILING_CLOSED_MESSAGES, FILING_CLOSURES, type FilingClosure } from "@/lib/i18n/messages/benefit-ja";
import type { FilingClosure } from "@/lib/i18n/messages/benefit-ja";

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
