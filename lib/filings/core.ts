import "server-only";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { cachedStatementsByShape } from "@/db/cached-statement";
import type { Executor, Transaction } from "@/db";
import { jsonObjectOf, rowFromJson, rowsOf } from "@/db/rows";
import { ACTIVE_FILING_PREDICATE, filings, type AddressMatch, type Filing, type FilingChannel, type IdentityDocument } from "@/db/schema/filings";
import type { BenefitProgram } from "@/db/schema/programs";
import { AUDIT_COLUMNS, auditSelectList, statementAuditPlaceholders, statementAuditValues, type AuditDraft, type StatementAuditName } from "@/lib/audit/log";
import type { LineMessage } from "@/lib/line/client";
import { lineMessagesJson, pushInsertSql, wakeWorker } from "@/lib/line/outbox";
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
const DUPLICATE_PREVENTED = "filing.duplicate_prevented";

function duplicateDraft(input: SubmitFilingInput, existingId: string | null): AuditDraft & { action: string } {
  return {
    action: DUPLICATE_PREVENTED,
    entity: "household",
    entityId: input.household.id,
    departmentId: input.program.departmentId,
    after: { programId: input.program.id, channel: input.channel, existingFilingId: existingId },
  };
}

type FilingStatementShape = { drawReceipt: boolean; message: boolean; audit: boolean };
type FilingStatementName =
  | "id" | "programId" | "programCode" | "householdId" | "representativeMemberId" | "receiptNumber" | "channel" | "points" | "residentId"
  | "jpkiVerificationId" | "addressMatch" | "identityDocument" | "staffId" | "departmentId" | "messageTo" | "messagesJson" | StatementAuditName;

/**
 * The whole filing in one statement (one round trip, atomic like a transaction): the insert, which the partial
 * unique index filings_one_active_per_household turns into nothing when another active filing holds the household;
 * its history event; the receipt message; the audit entry; and on a refusal, the filing that got there first and
 * the prevented duplicate's audit entry. Its text is built once per shape (db/cached-statement.ts).
 */
const filingStatement = cachedStatementsByShape<FilingStatementShape, FilingStatementName>(
  (shape) => `${shape.drawReceipt}:${shape.message}:${shape.audit}`,
  (shape, p) => {
    const receipt = shape.drawReceipt ? sql`${p("programCode")} || '-' || lpad(nextval('filing_receipt_seq')::text, 7, '0')` : sql`${p("receiptNumber")}::text`;
    const audit = statementAuditPlaceholders(p);
    return sql`
    with ins as (
      insert into ${filings} (id, program_id, household_id, representative_member_id, receipt_number, channel, points,
                              resident_id, jpki_verification_id, address_match, identity_document, filed_by_staff_id)
      values (${p("id")}::uuid, ${p("programId")}::uuid, ${p("householdId")}::uuid, ${p("representativeMemberId")}::uuid, ${receipt}, ${p("channel")},
              ${p("points")}::int, ${p("residentId")}::uuid, ${p("jpkiVerificationId")}::uuid, ${p("addressMatch")}::text,
              ${p("identityDocument")}::text, ${p("staffId")}::uuid)
      on conflict (program_id, household_id) where ${ACTIVE_FILING_PREDICATE} do nothing
      returning *
    ),
    event as (insert into filing_events (filing_id, to_status, staff_id) select id, 'submitted', ${p("staffId")}::uuid from ins),
    ${shape.message ? sql`queued as (${pushInsertSql({ to: p("messageTo"), messages: p("messagesJson"), cause: sql`'filing:' || ins.id || ':submitted'`, dedupeKey: sql`'filing:' || ins.id || ':submitted:' || floor(extract(epoch from ins.updated_at) * 1000)::bigint`, from: sql`from ins` })} returning id),` : sql``}
    existing as (
      select f.id, f.submitted_at, f.channel from ${filings} f
      where f.program_id = ${p("programId")}::uuid and f.household_id = ${p("householdId")}::uuid and ${ACTIVE_FILING_PREDICATE}
        and not exists (select 1 from ins)
      limit 1
    )${
      shape.audit
        ? sql`,
    audited as (
      insert into audit_log ${AUDIT_COLUMNS}
      select ${auditSelectList({ ...audit, entity: "filing", entityId: sql`ins.id::text`, departmentId: p("departmentId"), after: jsonObjectOf(filings, "ins") })} from ins
      union all
      select ${auditSelectList({
        ...audit,
        action: DUPLICATE_PREVENTED,
        entity: "household",
        entityId: p("householdId"),
        departmentId: p("departmentId"),
        after: sql`jsonb_build_object('programId', ${p("programId")}::text, 'channel', ${p("channel")}::text, 'existingFilingId', (select id from existing))`,
      })}
      where not exists (select 1 from ins)
    )`
        : sql``
    }
    select (select to_jsonb(ins) from ins) as filing, (select to_jsonb(existing) from existing) as existing ${shape.message ? sql`, exists (select 1 from queued) as queued` : sql``}`;
  },
);

export async function insertFilingStatement(db: Executor, input: FilingStatementInput): Promise<FilingStatementOutcome> {
  const { audit, message } = input;
  const shape = { drawReceipt: input.receiptNumber === undefined, message: Boolean(message), audit: Boolean(audit) };
  const values: Record<FilingStatementName, unknown> = {
    id: randomUUID(),
    programId: input.program.id,
    programCode: input.program.code,
    householdId: input.household.id,
    representativeMemberId: input.representativeMemberId,
    receiptNumber: input.receiptNumber ?? null,
    channel: input.channel,
    points: input.household.points,
    residentId: input.residentId ?? null,
    jpkiVerificationId: input.jpkiVerificationId ?? null,
    addressMatch: input.addressMatch ?? null,
    identityDocument: input.identityDocument ?? null,
    staffId: input.filedByStaffId ?? null,
    departmentId: input.program.departmentId,
    messageTo: message?.to ?? null,
    messagesJson: message ? lineMessagesJson(message.messages) : null,
    ...(audit ? statementAuditValues(audit) : { auditActorType: null, auditActorId: null, auditActorLabel: null, auditRequestId: null, auditAction: null }),
  };
  const [row] = rowsOf<{ filing: Record<string, unknown> | null; existing: { id: string; submitted_at: string; channel: FilingChannel } | null; queued?: boolean }>(
    await filingStatement(db, shape, values),
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
