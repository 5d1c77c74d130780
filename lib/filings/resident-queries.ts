import "server-only";
import { and, asc, desc, eq, gt, inArray, like, ne, or, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db";
import { ACTIVE_FILING_STATUSES, filingEvents, filings, type FilingChannel, type FilingStatus } from "@/db/schema/filings";
import { jpkiVerifications } from "@/db/schema/jpki";
import { benefitPrograms, type ProgramTranslations } from "@/db/schema/programs";
import { matchIdentityToHousehold } from "@/lib/programs/households";
import { ResidentRefusal } from "@/lib/residents/errors";
import { defineResidentOperation } from "@/lib/residents/guard";

/** The receipt page's filing: the resident's own only; anyone else's looks missing. */
export async function getOwnReceiptById(db: Executor, { residentId, filingId }: { residentId: string; filingId: string }) {
  const [row] = await db
    .select({ filing: filings, program: benefitPrograms })
    .from(filings)
    .innerJoin(benefitPrograms, eq(benefitPrograms.id, filings.programId))
    .where(and(eq(filings.id, filingId), eq(filings.residentId, residentId)))
    .limit(1);
  if (!row) return null;
  const events = await db.select().from(filingEvents).where(eq(filingEvents.filingId, filingId)).orderBy(asc(filingEvents.at));
  const { filing, program } = row;
  return {
    id: filing.id,
    receiptNumber: filing.receiptNumber,
    status: filing.status,
    channel: filing.channel,
    points: filing.points,
    submittedAt: filing.submittedAt,
    decidedAt: filing.decidedAt,
    grantedAt: filing.grantedAt,
    program,
    events,
  };
}
export type OwnReceipt = NonNullable<Awaited<ReturnType<typeof getOwnReceiptById>>>;

/** What another member of the household may see: that it filed, when, how, and where it stands; nothing else. */
export type HouseholdFilingSummary = {
  programId: string;
  programName: string;
  translations: ProgramTranslations;
  submittedAt: Date;
  channel: FilingChannel;
  status: FilingStatus;
};

/**
 * Households this resident belongs to, as their valid card verifications show (one per program), and each one's
 * active filing made by someone else (the filer's own filings are on the status page already).
 */
export async function getHouseholdFilingsForResident(db: Executor, { residentId }: { residentId: string }): Promise<HouseholdFilingSummary[]> {
  const verifications = await db
    .selectDistinctOn([jpkiVerifications.purpose], { purpose: jpkiVerifications.purpose, name: jpkiVerifications.name, birthdate: jpkiVerifications.birthdate, address: jpkiVerifications.address })
    .from(jpkiVerifications)
    .where(and(eq(jpkiVerifications.residentId, residentId), like(jpkiVerifications.purpose, "filing:%"), gt(jpkiVerifications.expiresAt, sql`now()`)))
    .orderBy(jpkiVerifications.purpose, desc(jpkiVerifications.verifiedAt));
  const found: HouseholdFilingSummary[] = [];
  for (const verification of verifications) {
    const programId = verification.purpose.slice("filing:".length);
    if (!z.uuid().safeParse(programId).success) continue;
    const match = await matchIdentityToHousehold(db, { programId, identity: { name: verification.name, birthDate: verification.birthdate, address: verification.address } });
    if (match.kind === "no_match") continue;
    const [filing] = await db
      .select({
        programId: filings.programId,
        programName: benefitPrograms.name,
        translations: benefitPrograms.translations,
        submittedAt: filings.submittedAt,
        channel: filings.channel,
        status: filings.status,
      })
      .from(filings)
      .innerJoin(benefitPrograms, eq(benefitPrograms.id, filings.programId))
      .where(
        and(
          eq(filings.programId, programId),
          eq(filings.householdId, match.householdId),
          inArray(filings.status, [...ACTIVE_FILING_STATUSES]),
          or(isNull(filings.residentId), ne(filings.residentId, residentId)),
        ),
      )
      .limit(1);
    if (filing) found.push(filing);
  }
  return found;
}

/** The receipt page. A view of personal data: audited. */
export const viewOwnReceipt = defineResidentOperation({
  action: "filing.view_receipt",
  schema: z.object({ filingId: z.uuid() }),
  async run({ data, tx, resident }) {
    const receipt = await getOwnReceiptById(tx, { residentId: resident.id, filingId: data.filingId });
    if (!receipt) throw new ResidentRefusal(404, { code: "filing_not_found" });
    return { result: receipt, audit: { entity: "filing", entityId: receipt.id } };
  },
});

/** The household part of the status page, for members who did not file themselves. Audited. */
export const viewHouseholdFilings = defineResidentOperation({
  action: "filing.view_household",
  schema: z.object({}),
  async run({ tx, resident }) {
    const rows = await getHouseholdFilingsForResident(tx, { residentId: resident.id });
    return { result: rows, audit: { entity: "resident", entityId: resident.id, after: { householdFilings: rows.length } } };
  },
});
