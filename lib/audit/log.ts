import "server-only";
import { SQL, sql, type Placeholder } from "drizzle-orm";
import type { Executor } from "@/db";
import { auditLog, type ActorType } from "@/db/schema/audit";

export type AuditActor = { type: ActorType; id: string | null; label: string | null };

/** Who and what the audit entries of a statement-mode operation (no open transaction) record. */
export type StatementAudit = { actor: AuditActor; requestId: string | null; action: string };

export type AuditDraft = {
  entity: string;
  entityId?: string | null;
  departmentId?: string | null;
  before?: unknown;
  after?: unknown;
  /** Overrides the guarded action name, e.g. "staff.view" recorded by a read. */
  action?: string;
};

export type AuditEntryInput = AuditDraft & { action: string; actor: AuditActor; requestId: string | null };

/** Entries per INSERT: PostgreSQL caps a statement at 65,535 parameters (10 per entry); a grant batch may hold 100,000. */
const AUDIT_CHUNK = 1000;

/** Appends audit entries; call it inside the transaction that makes the change it records. */
export async function writeAudit(db: Executor, entries: AuditEntryInput | AuditEntryInput[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  for (let i = 0; i < list.length; i += AUDIT_CHUNK) await insertAuditEntries(db, list.slice(i, i + AUDIT_CHUNK));
}

async function insertAuditEntries(db: Executor, list: AuditEntryInput[]): Promise<void> {
  await db.insert(auditLog).values(
    list.map((entry) => ({
      actorType: entry.actor.type,
      actorId: entry.actor.id,
      actorLabel: entry.actor.label,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId ?? null,
      departmentId: entry.departmentId ?? null,
      requestId: entry.requestId,
      before: entry.before ?? null,
      after: entry.after ?? null,
    })),
  );
}

/** The audit row's columns, for a statement that writes its own entry (`insert into audit_log ${AUDIT_COLUMNS} select …`). */
export const AUDIT_COLUMNS = sql.raw("(actor_type, actor_id, actor_label, action, entity, entity_id, department_id, request_id, before, after)");

/**
 * One entry's values as a select list, in AUDIT_COLUMNS order; `entityId`, `before` and `after` may be SQL taken
 * from the statement's own rows (e.g. the id an INSERT … RETURNING produced).
 */
export function auditSelectList(
  entry: Omit<AuditEntryInput, "action" | "entityId" | "departmentId" | "before" | "after" | "actor" | "requestId"> & {
    actor: AuditActor | StatementAuditPlaceholders["actor"];
    requestId: string | null | Placeholder;
    action: string | SQL | Placeholder;
    entityId?: string | SQL | Placeholder | null;
    departmentId?: string | Placeholder | null;
    before?: unknown;
    after?: unknown;
  },
): SQL {
  const json = (value: unknown) => (value instanceof SQL ? value : sql`${value === undefined || value === null ? null : JSON.stringify(value)}::jsonb`);
  return sql`${entry.actor.type}, ${entry.actor.id}, ${entry.actor.label}, ${entry.action}, ${entry.entity}, ${entry.entityId ?? null}::text,
    ${entry.departmentId ?? null}::uuid, ${entry.requestId}, ${json(entry.before)}, ${json(entry.after)}`;
}

type StatementAuditPlaceholders = { actor: { type: Placeholder; id: Placeholder; label: Placeholder }; requestId: Placeholder; action: Placeholder };

/** A StatementAudit as placeholders, for a statement whose text is built once (db/cached-statement.ts). */
export function statementAuditPlaceholders(p: (name: StatementAuditName) => Placeholder): StatementAuditPlaceholders {
  return { actor: { type: p("auditActorType"), id: p("auditActorId"), label: p("auditActorLabel") }, requestId: p("auditRequestId"), action: p("auditAction") };
}

export type StatementAuditName = "auditActorType" | "auditActorId" | "auditActorLabel" | "auditRequestId" | "auditAction";

/** The values of statementAuditPlaceholders for one operation's audit. */
export function statementAuditValues(audit: StatementAudit): Record<StatementAuditName, string | null> {
  return { auditActorType: audit.actor.type, auditActorId: audit.actor.id, auditActorLabel: audit.actor.label, auditRequestId: audit.requestId, auditAction: audit.action };
}
