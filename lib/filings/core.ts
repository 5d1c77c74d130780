import "server-only";
import { sql } from "drizzle-orm";
import type { Transaction } from "@/db";
import { ACTIVE_FILING_PREDICATE, filingEvents, filings, type AddressMatch, type Filing, type FilingChannel, type IdentityDocument } from "@/db/schema/filings";
import type { BenefitProgram } from "@/db/schema/programs";
import { filingClosure } from "@/lib/programs/rules";
import { ResidentRefusal } from "@/lib/residents/errors";
import { getActiveFilingOfHousehold } from "./queries";

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
  const closure = filingClosure(input.program, input.channel, input.now ?? new Date());
  if (closure) throw new ResidentRefusal(409, { code: "closed", closure });
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
  const refusal = existing ? ({ code: "already_filed", submittedAt: existing.submittedAt, channel: existing.channel } as const) : ({ code: "household_filed" } as const);
  throw new ResidentRefusal(409, refusal, {
    action: "filing.duplicate_prevented",
    entity: "household",
    entityId: input.household.id,
    departmentId: input.program.departmentId,
    after: { programId: input.program.id, channel: input.channel, existingFilingId: existing?.id ?? null },
  });
}
