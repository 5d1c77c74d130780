import type { BenefitProgram } from "@/db/schema/programs";
import type { FilingChannel } from "@/db/schema/filings";

/** Why a program does not take a filing through this channel now; null when it does. */
export function filingClosedReason(program: BenefitProgram, channel: FilingChannel, now: Date): string | null {
  if (program.status !== "open") return "この事業は現在、申請を受け付けていません。";
  if (now < program.filingOpensAt) return "申請の受付はまだ始まっていません。";
  if (now > program.filingClosesAt) return "申請の受付期間は終了しました。";
  if (channel === "line" && !program.acceptsLine) return "この事業はLINEでは申請できません。窓口で申請してください。";
  if (channel === "counter" && !program.acceptsCounter) return "この事業は窓口では申請できません。";
  return null;
}

/** Points are always per person × members of the household on the roster. */
export function householdPoints(pointsPerPerson: number, memberCount: number): number {
  return pointsPerPerson * memberCount;
}
