import "server-only";
import { sql } from "drizzle-orm";
import type { Transaction } from "@/db";
import { ACTIVE_FILING_PREDICATE, filingEvents, filings, type AddressMatch, type Filing, type FilingChannel, type IdentityDocument } from "@/db/schema/filings";
import type { BenefitProgram } from "@/db/schema/programs";
import { GuardError } from "@/lib/auth/guard";
import { filingClosedReason } from "@/lib/programs/rules";
import { getActiveFilingOfHousehold } from "./queries";

const CHANNEL_LABELS: Record<FilingChannel, string> = { line: "LINE", counter: "窓口" };

const monthDay = new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", month: "long", day: "numeric" });

/** The message the second filer of a household sees, e.g. 「この世帯は11月20日に窓口で申請済みです」. */
export function alreadyFiledMessage(existing: { submittedAt: Date; channel: FilingChannel }): string {
  return `この世帯は${monthDay.format(existing.submittedAt)}に${CHANNEL_LABELS[existing.channel]}で申請済みです。同じ世帯から重ねて申請することはできません。`;
}

export type SubmitFilingInput = {
  program: BenefitProgram;
  household: { id: string; points: number };
  representativeMemberId: string;
  channel: FilingChannel;
  residentId?: string | null;
  jpkiVerificationId?: string | null;
  addressMatch?: AddressMatch | null;
  identityDocument?: IdentityDocument | null;
  filedByStaffId?: string | null;
  now?: Date;
};

/**
 * Files for a household through either channel. The partial unique index filings_one_active_per_household
 * is the arbiter under concurrency: the insert does nothing when another active filing holds the household,
 * and the refusal names the filing that got there first. A refusal writes nothing but its audit entry.
 * `alongside` runs with the history insert (one round trip), e.g. queueing the receipt message.
 */
export async function submitFiling(tx: Transaction, input: SubmitFilingInput, alongside?: (filing: Filing) => Promise<unknown>): Promise<Filing> {
  const closed = filingClosedReason(input.program, input.channel, input.now ?? new Date());
  if (closed) throw new GuardError(409, closed);
  const [filing] = await tx
    .insert(filings)
    .values({
      programId: input.program.id,
      householdId: input.household.id,
      representativeMemberId: input.representativeMemberId,
      receiptNumber: sql`${input.program.code} || '-' || lpad(nextval('filing_receipt_seq')::text, 7, '0')`,
      channel: input.channel,
      points: input.household.points,
      residentId: input.residentId ?? null,
      jpkiVerificationId: input.jpkiVerificationId ?? null,
      addressMatch: input.addressMatch ?? null,
      identityDocument: input.identityDocument ?? null,
      filedByStaffId: input.filedByStaffId ?? null,
    })
    .onConflictDoNothing({ target: [filings.programId, filings.householdId], where: ACTIVE_FILING_PREDICATE })
    .returning();
  if (filing) {
    await Promise.all([
      tx.insert(filingEvents).values({ filingId: filing.id, toStatus: "submitted", staffId: input.filedByStaffId ?? null }),
      alongside?.(filing),
    ]);
    return filing;
  }
  const existing = await getActiveFilingOfHousehold(tx, { programId: input.program.id, householdId: input.household.id });
  throw new GuardError(409, existing ? alreadyFiledMessage(existing) : "この世帯はすでに申請済みです。", undefined, {
    action: "filing.duplicate_prevented",
    entity: "household",
    entityId: input.household.id,
    departmentId: input.program.departmentId,
    after: { programId: input.program.id, channel: input.channel, existingFilingId: existing?.id ?? null },
  });
}
