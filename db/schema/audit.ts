import { sql } from "drizzle-orm";
import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const ACTOR_TYPES = ["staff", "resident", "system", "anonymous"] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/** Append-only: a trigger in the migrations rejects UPDATE, DELETE and TRUNCATE. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorType: text("actor_type", { enum: ACTOR_TYPES }).notNull(),
    actorId: text("actor_id"),
    actorLabel: text("actor_label"),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id"),
    departmentId: uuid("department_id"),
    requestId: text("request_id"),
    before: jsonb("before"),
    after: jsonb("after"),
  },
  (table) => [
    index("audit_log_at_idx").on(table.at),
    index("audit_log_actor_idx").on(table.actorId, table.at),
    // The program report counts prevented duplicates on every view; the log grows with every audited read.
    index("audit_log_duplicate_prevented_idx")
      .on(sql`(${table.after}->>'programId')`)
      .where(sql`${table.action} = 'filing.duplicate_prevented'`),
    // Also serves lookups by (entity, entity_id) alone: a separate index on that prefix cost every entry a write.
    index("audit_log_entity_action_idx").on(table.entity, table.entityId, table.action, table.at),
  ],
);

export type AuditEntry = typeof auditLog.$inferSelect;
