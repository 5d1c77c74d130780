import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Executor, Transaction } from "@/db";
import { rowFromJson, rowsOf } from "@/db/rows";
import { ACTIVE_FILING_STATUSES, filings, type Filing } from "@/db/schema/filings";
import { benefitPrograms, householdMembers, households, type BenefitProgram, type Household, type HouseholdMember } from "@/db/schema/programs";
import { writeAudit, type StatementAudit } from "@/lib/audit/log";
import { defineStatementOperation, GuardError, MESSAGES } from "@/lib/auth/guard";
import type { StaffActor } from "@/lib/auth/permissions";
import { filingClosure } from "@/lib/programs/rules";
import { ResidentRefusal } from "@/lib/residents/errors";
import { duplicateRefusal, insertFilingStatement, type SubmitFilingInput } from "./core";
import { changeFilingStatus } from "./operations";
import { alreadyFiledMessage, FILING_STATUS_LABELS, SYSTEM_EVENT_REASONS } from "./rules";
import { counterFilingSchema, type CounterFilingInput } from "./validations";

/** The history reason of a returned filing resubmitted at the counter. */
export const COUNTER_RESUBMIT_REASON = SYSTEM_EVENT_REASONS.counter_resubmitted;

type HouseholdAndProgram = { household: Household & { members: HouseholdMember[] }; program: BenefitProgram };

/** The household with its members and its program, read in one statement: the counter's one read. */
async function readHouseholdAndProgram(db: Executor, householdId: string): Promise<HouseholdAndProgram | null> {
  const [row] = rowsOf<{ household: Record<string, unknown> | null; members: Record<string, unknown>[] | null; program: Record<string, unknown> | null }>(
    await db.execute(sql`
      select to_jsonb(h) as household,
        (select jsonb_agg(to_jsonb(m) order by m.position) from ${householdMembers} m where m.household_id = h.id) as members,
        (select to_jsonb(p) from ${benefitPrograms} p where p.id = h.program_id) as program
      from ${households} h where h.id = ${householdId}::uuid`),
  );
  if (!row?.household || !row.program) return null;
  return {
    household: { ...rowFromJson(households, row.household), members: (row.members ?? []).map((m) => rowFromJson(householdMembers, m)) },
    program: rowFromJson(benefitPrograms, row.program),
  };
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

/**
 * A new filing in one statement that also writes its audit entry (or the prevented duplicate's); a refusal caused
 * by a returned filing says so, since the clerk can resubmit that one.
 */
async function fileAnew(db: Executor, input: SubmitFilingInput, audit: StatementAudit): Promise<Filing> {
  const closure = filingClosure(input.program, input.channel, input.now ?? new Date());
  if (closure) throw new ResidentRefusal(409, { code: "closed", closure });
  const outcome = await insertFilingStatement(db, { ...input, audit });
  if (outcome.filing) return outcome.filing;
  const refusal = await duplicateRefusal(db, input, outcome.existing, { audited: true });
  const [returned] = await db
    .select({ receiptNumber: filings.receiptNumber })
    .from(filings)
    .where(and(eq(filings.programId, input.program.id), eq(filings.householdId, input.household.id), eq(filings.status, "returned")))
    .limit(1);
  if (!returned) throw refusal;
  throw new GuardError(409, returnedFilingMessage(returned.receiptNumber));
}

/**
 * A walk-in filing. A new filing is the hot path: one read and one statement (the filing, its history, its audit
 * entry; the partial unique index decides duplicates), no open transaction. A resubmission locks the returned
 * filing in a transaction.
 */
export const fileAtCounter = defineStatementOperation({
  action: "filing.file_counter",
  schema: counterFilingSchema,
  async runStatements({ data, db, actor, audit, allowDepartment }) {
    const read = await readHouseholdAndProgram(db, data.householdId);
    if (!read) throw new GuardError(404, MESSAGES.notFound);
    const { household, program } = read;
    allowDepartment(program.departmentId);
    const representative = household.members.find((m) => m.id === data.representativeMemberId);
    if (!representative) {
      throw new GuardError(400, MESSAGES.invalid, { representativeMemberId: ["この世帯の方を選んでください"] });
    }
    const resubmitFilingId = data.resubmitFilingId;
    const filing = resubmitFilingId
      ? await db.transaction(async (tx) => {
          const resubmitted = await resubmitAtCounter(tx, { data: { ...data, resubmitFilingId }, actor, program, householdId: household.id, representativeMemberId: representative.id });
          await writeAudit(tx, {
            action: "filing.resubmit_counter",
            actor: audit.actor,
            requestId: audit.requestId,
            entity: "filing",
            entityId: resubmitted.after.id,
            departmentId: program.departmentId,
            before: resubmitted.before,
            after: resubmitted.after,
          });
          return resubmitted.after;
        })
      : await fileAnew(db, { program, household, representativeMemberId: representative.id, channel: "counter", identityDocument: data.identityDocument, filedByStaffId: actor.id }, audit);
    return {
      filingId: filing.id,
      receiptNumber: filing.receiptNumber,
      points: filing.points,
      submittedAt: filing.submittedAt,
      householdCode: household.householdCode,
      representativeName: representative.name,
      memberCount: household.memberCount,
      programName: program.name,
      resubmitted: resubmitFilingId !== undefined && resubmitFilingId !== null,
    };
  },
});
