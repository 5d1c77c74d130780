import "server-only";
import { randomUUID } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import type { Executor, Transaction } from "@/db";
import { jsonObjectOf, rowFromJson, rowsOf } from "@/db/rows";
import { ACTIVE_FILING_PREDICATE, filings, type AddressMatch, type Filing, type FilingChannel, type IdentityDocument } from "@/db/schema/filings";
import type { BenefitProgram } from "@/db/schema/programs";
import { AUDIT_COLUMNS, auditSelectList, type AuditDraft } from "@/lib/audit/log";
import type { LineMessage } from "@/lib/line/client";
import { pushInsertSql, wakeWorker } from "@/lib/line/outbox";
import { filingClosure } from "@/lib/programs/rules";
import type { StatementAudit } from "@/lib/residents/guard";
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

export type FilingStatementInput = SubmitFilingInput & {
  /** Drawn beforehand when the receipt message must name it; otherwise drawn from the sequence in the statement. */
  receiptNumber?: string;
  /** The receipt message, queued by the same statement (skipped for a resident who blocked the account). */
  message?: { to: string; messages: LineMessage[] } | null;
  /** When set, the statement writes the audit entries itself: the filing's, or the prevented duplicate's. */
  audit?: StatementAudit | null;
};

type ExistingFiling = { id: string; submittedAt: Date; channel: FilingChannel };
export type FilingStatementOutcome = { filing: Filing; existing: null } | { filing: null; existing: ExistingFiling | null };

/** The refused second filing's audit entry; the same draft whether the statement or the guard writes it. */
function duplicateDraft(input: SubmitFilingInput, existingId: string | SQL | null): AuditDraft & { action: string } {
  return {
    action: "filing.duplicate_prevented",
    entity: "household",
    entityId: input.household.id,
    departmentId: input.program.departmentId,
    after: { programId: input.program.id, channel: input.channel, existingFilingId: existingId },
  };
}

/**
 * The whole filing in one statement (one round trip, atomic like a transaction): the insert, which the partial
 * unique index filings_one_active_per_household turns into nothing when another active filing holds the household;
 * its history event; the receipt message; the audit entry; and on a refusal, the filing that got there first and
 * the prevented duplicate's audit entry.
 */
export async function insertFilingStatement(db: Executor, input: FilingStatementInput): Promise<FilingStatementOutcome> {
  const id = randomUUID();
  const staffId = input.filedByStaffId ?? null;
  const receipt = input.receiptNumber ?? sql`${input.program.code} || '-' || lpad(nextval('filing_receipt_seq')::text, 7, '0')`;
  const { audit, message } = input;
  const statement = sql`
    with ins as (
      insert into ${filings} (id, program_id, household_id, representative_member_id, receipt_number, channel, points,
                              resident_id, jpki_verification_id, address_match, identity_document, filed_by_staff_id)
      values (${id}::uuid, ${input.program.id}::uuid, ${input.household.id}::uuid, ${input.representativeMemberId}::uuid, ${receipt}, ${input.channel},
              ${input.household.points}::int, ${input.residentId ?? null}::uuid, ${input.jpkiVerificationId ?? null}::uuid, ${input.addressMatch ?? null}::text,
              ${input.identityDocument ?? null}::text, ${staffId}::uuid)
      on conflict (program_id, household_id) where ${ACTIVE_FILING_PREDICATE} do nothing
      returning *
    ),
    event as (insert into filing_events (filing_id, to_status, staff_id) select id, 'submitted', ${staffId}::uuid from ins),
    ${message ? sql`queued as (${pushInsertSql({ to: message.to, messages: message.messages, cause: sql`'filing:' || ins.id || ':submitted'`, dedupeKey: sql`'filing:' || ins.id || ':submitted:' || floor(extract(epoch from ins.updated_at) * 1000)::bigint`, from: sql`from ins` })} returning id),` : sql``}
    existing as (
      select f.id, f.submitted_at, f.channel from ${filings} f
      where f.program_id = ${input.program.id}::uuid and f.household_id = ${input.household.id}::uuid and ${ACTIVE_FILING_PREDICATE}
        and not exists (select 1 from ins)
      limit 1
    )${
      audit
        ? sql`,
    audited as (
      insert into audit_log ${AUDIT_COLUMNS}
      select ${auditSelectList({ ...audit, entity: "filing", entityId: sql`ins.id::text`, departmentId: input.program.departmentId, after: jsonObjectOf(filings, "ins") })} from ins
      union all
      select ${auditSelectList({ ...duplicateDraft(input, null), actor: audit.actor, requestId: audit.requestId, after: sql`jsonb_build_object('programId', ${input.program.id}::text, 'channel', ${input.channel}::text, 'existingFilingId', (select id from existing))` })}
      where not exists (select 1 from ins)
    )`
        : sql``
    }
    select (select to_jsonb(ins) from ins) as filing, (select to_jsonb(existing) from existing) as existing ${message ? sql`, exists (select 1 from queued) as queued` : sql``}`;
  const [row] = rowsOf<{ filing: Record<string, unknown> | null; existing: { id: string; submitted_at: string; channel: FilingChannel } | null; queued?: boolean }>(
    await db.execute(statement),
  );
  if (row?.queued) wakeWorker();
  if (row?.filing) return { filing: rowFromJson(filings, row.filing), existing: null };
  const existing = row?.existing;
  return { filing: null, existing: existing ? { id: existing.id, submittedAt: new Date(existing.submitted_at), channel: existing.channel } : null };
}

/**
 * The refusal of a second filing, worded for the resident; `audited` when the statement has written the audit
 * entry already. A filing that won a race in the same instant is not in the statement's snapshot: read it anew.
 */
export async function duplicateRefusal(db: Executor, input: SubmitFilingInput, existing: ExistingFiling | null, { audited }: { audited: boolean }): Promise<ResidentRefusal> {
  const found = existing ?? (await getActiveFilingOfHousehold(db, { programId: input.program.id, householdId: input.household.id }));
  const refusal = found ? ({ code: "already_filed", submittedAt: found.submittedAt, channel: found.channel } as const) : ({ code: "household_filed" } as const);
  return new ResidentRefusal(409, refusal, audited ? undefined : duplicateDraft(input, found?.id ?? null));
}

/**
 * Files for a household through either channel inside a caller's transaction (the counter); the guard writes the
 * audit entry. A refusal writes nothing but its audit entry.
 * `alongside` runs after the filing statement, e.g. queueing a message the statement did not.
 */
export async function submitFiling(tx: Transaction, input: SubmitFilingInput, alongside?: (filing: Filing) => Promise<unknown>): Promise<Filing> {
  const closure = filingClosure(input.program, input.channel, input.now ?? new Date());
  if (closure) throw new ResidentRefusal(409, { code: "closed", closure });
  const outcome = await insertFilingStatement(tx, input);
  if (outcome.filing) {
    await alongside?.(outcome.filing);
    return outcome.filing;
  }
  throw await duplicateRefusal(tx, input, outcome.existing, { audited: false });
}
