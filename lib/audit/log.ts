import "server-only";
import type { Executor } from "@/db";
import { auditLog, type ActorType } from "@/db/schema/audit";

export type AuditActor = { type: ActorType; id: string | null; label: string | null };

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
