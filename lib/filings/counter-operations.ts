import "server-only";
import { and, eq } from "drizzle-orm";
import type { Transaction } from "@/db";
import { ACTIVE_FILING_STATUSES, filings, type Filing } from "@/db/schema/filings";
import type { BenefitProgram } from "@/db/schema/programs";
import { GuardError, MESSAGES } from "@/lib/auth/guard";
import type { StaffActor } from "@/lib/auth/permissions";
import { defineOperation } from "@/lib/auth/operation";
import { getHouseholdWithMembers, getProgramById } from "@/lib/programs/queries";
import { submitFiling } from "./core";
import { changeFilingStatus } from "./operations";
import { alreadyFiledMessage, FILING_STATUS_LABELS, SYSTEM_EVENT_REASONS } from "./rules";
import { counterFilingSchema, type CounterFilingInput } from "./validations";

/** The history reason of a returned filing resubmitted at the counter. */
export const COUNTER_RESUBMIT_REASON = SYSTEM_EVENT_REASONS.counter_resubmitted;

type HouseholdAndProgram = { household: NonNullable<Awaited<ReturnType<typeof getHouseholdWithMembers>>>; program: BenefitProgram };
/** Read once per transaction: the guard's department check and the filing itself need the same rows. */
const readInTransaction = new WeakMap<Transaction, Map<string, HouseholdAndProgram>>();

async function householdAndProgram(tx: Transaction, householdId: string): Promise<HouseholdAndProgram> {
  const cached = readInTransaction.get(tx)?.get(householdId);
  if (cached) return cached;
  const household = await getHouseholdWithMembers(tx, { householdId });
  if (!household) throw new GuardError(404, MESSAGES.notFound);
  const program = (await getProgramById(tx, { programId: household.programId }))!;
  const read = { household, program };
  readInTransaction.set(tx, (readInTransaction.get(tx) ?? new Map()).set(householdId, read));
  return read;
}

async function programDepartmentOfHousehold(tx: Transaction, householdId: string): Promise<string[]> {
  return [(await householdAndProgram(tx, householdId)).program.departmentId];
}

/** The refusal when the household's active filing is a returned one: resubmit it, do not file anew. */
function returnedFilingMessage(receiptNumber: string): string {
  return `この世帯には差し戻し中の申請（受付番号 ${receiptNumber}）があります。新しく申請せず、この申請を再提出してください（世帯を選び直すと再提出できます）。`;
}

/**
 * Resubmits the household's returned filing (either channel: a LINE filer may come to the counter) after the
 * clerk's in-person identity check. The row lock serialises it with a reviewer's decision and a LINE resubmission.
 */
async function resubmitAtCounter(
  tx: Transaction,
  { data, actor, program, householdId, representativeMemberId }: {
    data: CounterFilingInput & { resubmitFilingId: string };
    actor: StaffActor;
    program: BenefitProgram;
    householdId: string;
    representativeMemberId: string;
  },
): Promise<{ before: Filing; after: Filing }> {
  const [filing] = await tx
    .select()
    .from(filings)
    .where(and(eq(filings.id, data.resubmitFilingId), eq(filings.householdId, householdId), eq(filings.programId, program.id)))
    .for("update");
  if (!filing) throw new GuardError(404, "再提出する申請が見つかりません。世帯を検索し直してください。");
  if (filing.status !== "returned") {
    if ((ACTIVE_FILING_STATUSES as readonly string[]).includes(filing.status)) {
      // Someone resubmitted or decided it meanwhile: the household is filed, as for any second filer.
      throw new GuardError(409, alreadyFiledMessage(filing), undefined, {
        action: "filing.duplicate_prevented",
        entity: "household",
        entityId: householdId,
        departmentId: program.departmentId,
        after: { programId: program.id, channel: "counter", existingFilingId: filing.id },
      });
    }
    throw new GuardError(409, `この申請は「${FILING_STATUS_LABELS[filing.status]}」のため再提出できません。世帯を検索し直してください。`);
  }
  // Like the LINE resubmission, correcting a filing made in time is not a new filing: the window does not apply.
  const [checked] = await tx
    .update(filings)
    .set({
      representativeMemberId,
      identityDocument: data.identityDocument,
      // A LINE filing checked in person now names the clerk; a counter filing keeps its original clerk.
      filedByStaffId: filing.filedByStaffId ?? actor.id,
    })
    .where(eq(filings.id, filing.id))
    .returning();
  const after = await changeFilingStatus(tx, { filing: checked!, to: "submitted", reason: COUNTER_RESUBMIT_REASON, staffId: actor.id });
  return { before: filing, after };
}

/** A new filing; a refusal caused by a returned filing says so, since the clerk can resubmit that one. */
async function fileAnew(tx: Transaction, input: Parameters<typeof submitFiling>[1]): Promise<Filing> {
  try {
    return await submitFiling(tx, input);
  } catch (error) {
    if (!(error instanceof GuardError) || error.audit?.action !== "filing.duplicate_prevented") throw error;
    const [returned] = await tx
      .select({ receiptNumber: filings.receiptNumber })
      .from(filings)
      .where(and(eq(filings.programId, input.program.id), eq(filings.householdId, input.household.id), eq(filings.status, "returned")))
      .limit(1);
    if (!returned) throw error;
    throw new GuardError(409, returnedFilingMessage(returned.receiptNumber), undefined, error.audit);
  }
}

export const fileAtCounter = defineOperation({
  action: "filing.file_counter",
  schema: counterFilingSchema,
  departments: (data, tx) => programDepartmentOfHousehold(tx, data.householdId),
  async run({ data, tx, actor }) {
    const { household, program } = await householdAndProgram(tx, data.householdId);
    const representative = household.members.find((m) => m.id === data.representativeMemberId);
    if (!representative) {
      throw new GuardError(400, MESSAGES.invalid, { representativeMemberId: ["この世帯の方を選んでください"] });
    }
    const resubmitFilingId = data.resubmitFilingId;
    const resubmitted = resubmitFilingId
      ? await resubmitAtCounter(tx, {
          data: { ...data, resubmitFilingId },
          actor,
          program,
          householdId: household.id,
          representativeMemberId: representative.id,
        })
      : null;
    const filing =
      resubmitted?.after ??
      (await fileAnew(tx, {
        program,
        household,
        representativeMemberId: representative.id,
        channel: "counter",
        identityDocument: data.identityDocument,
        filedByStaffId: actor.id,
      }));
    return {
      result: {
        filingId: filing.id,
        receiptNumber: filing.receiptNumber,
        points: filing.points,
        submittedAt: filing.submittedAt,
        householdCode: household.householdCode,
        representativeName: representative.name,
        memberCount: household.memberCount,
        programName: program.name,
        resubmitted: resubmitted !== null,
      },
      audit: resubmitted
        ? {
            action: "filing.resubmit_counter",
            entity: "filing",
            entityId: filing.id,
            departmentId: program.departmentId,
            before: resubmitted.before,
            after: resubmitted.after,
          }
        : {
            entity: "filing",
            entityId: filing.id,
            departmentId: program.departmentId,
            after: { ...filing, identityDocument: data.identityDocument },
          },
    };
  },
});
