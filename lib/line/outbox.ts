import { and, eq, inArray, isNotNull, sql, type Placeholder, type SQL } from "drizzle-orm";
import type { Executor } from "@/db";
import { rowsOf } from "@/db/rows";
import { lineOutbox } from "@/db/schema/line";
import { residents } from "@/db/schema/residents";
import type { LineMessage } from "./client";

export const MULTICAST_MAX_RECIPIENTS = 500;
export const MAX_MESSAGES_PER_REQUEST = 5;

type EnqueueInput = {
  messages: LineMessage[];
  /** What caused the message, e.g. "application:3f2…:approved"; shown in the outbox and audit trail. */
  cause: string;
  /** Same key, same message: a second enqueue for one cause is ignored. */
  dedupeKey?: string;
};

/** Wakes the in-process worker (development/e2e) once the caller's transaction has had time to commit. */
export function wakeWorker(): void {
  // Dynamic import: the worker module imports this one.
  setTimeout(() => void import("./in-process").then((m) => m.ensureInProcessWorker()).catch(() => {}), 50).unref?.();
}

function assertMessages(messages: LineMessage[]): void {
  if (messages.length < 1 || messages.length > MAX_MESSAGES_PER_REQUEST) {
    throw new Error(`a LINE request carries 1..${MAX_MESSAGES_PER_REQUEST} messages, got ${messages.length}`);
  }
}

/** LINE user IDs among `ids` that blocked the account; nothing is queued for them. */
async function blockedAmong(tx: Executor, ids: string[]): Promise<Set<string>> {
  const blocked = new Set<string>();
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await tx
      .select({ id: residents.lineUserId })
      .from(residents)
      .where(and(inArray(residents.lineUserId, ids.slice(i, i + 1000)), isNotNull(residents.blockedAt)));
    for (const row of rows) blocked.add(row.id);
  }
  return blocked;
}

/**
 * Withdraws a queued message its cause no longer wants, in the transaction of that change: the worker only ever
 * claims pending rows, so the check happens at send time. A row a worker already claimed is in flight and stays.
 */
export async function withdrawQueuedMessage(tx: Executor, dedupeKey: string): Promise<boolean> {
  const rows = await tx
    .update(lineOutbox)
    .set({ status: "withdrawn" })
    .where(and(eq(lineOutbox.dedupeKey, dedupeKey), eq(lineOutbox.status, "pending")))
    .returning({ id: lineOutbox.id });
  return rows.length > 0;
}

/**
 * Queues one push message. Call it with the transaction that makes the change the message announces,
 * so the message exists exactly when the change does. Returns the outbox row id, or null when skipped.
 */
export async function enqueuePush(tx: Executor, input: EnqueueInput & { to: string }): Promise<string | null> {
  const [row] = rowsOf<{ id: string }>(await tx.execute(sql`${pushInsertSql(input)} returning id`));
  if (row) wakeWorker();
  return row?.id ?? null;
}

/**
 * The push insert of enqueuePush, for a caller's own statement (a CTE): skipped for a resident who blocked the
 * account, and once per dedupe key. `cause` and `dedupeKey` may be SQL over `from` (e.g. a row just inserted);
 * call wakeWorker() once the statement has run.
 */
export function pushInsertSql(input: {
  to: string | Placeholder;
  /** Messages, or a placeholder for their JSON (lineMessagesJson) in a statement built once. */
  messages: LineMessage[] | Placeholder;
  cause: string | SQL;
  dedupeKey?: string | SQL | null;
  from?: SQL;
}): SQL {
  const messages = Array.isArray(input.messages) ? lineMessagesJson(input.messages) : input.messages;
  return pushRowsInsertSql(
    sql`select ${input.to}::text as to_id, ${messages}::jsonb as messages, (${input.cause})::text as cause, (${input.dedupeKey ?? null})::text as dedupe_key ${input.from ?? sql``}`,
  );
}

/** Checked messages as the JSON a push row stores. */
export function lineMessagesJson(messages: LineMessage[]): string {
  assertMessages(messages);
  return JSON.stringify(messages);
}

/**
 * Many pushes in one insert, from a query yielding (to_id, messages, cause, dedupe_key): each skipped for a
 * resident who blocked the account, and once per dedupe key. Callers check the messages (1..5 per row).
 */
export function pushRowsInsertSql(source: SQL): SQL {
  return sql`
      insert into ${lineOutbox} (kind, recipients, messages, cause, dedupe_key)
      select 'push', array[p.to_id], p.messages, p.cause, p.dedupe_key
      from (${source}) p
      where p.to_id is not null
        and not exists (select 1 from ${residents} r where r.line_user_id = p.to_id and r.blocked_at is not null)
      on conflict (dedupe_key) do nothing`;
}

/** Queues a multicast as rows of at most 500 recipients each (LINE's limit), each with its own retry key. */
export async function enqueueMulticast(tx: Executor, input: EnqueueInput & { to: string[] }): Promise<string[]> {
  assertMessages(input.messages);
  const blocked = await blockedAmong(tx, input.to);
  const recipients = [...new Set(input.to)].filter((id) => !blocked.has(id));
  const values = [];
  for (let i = 0; i < recipients.length; i += MULTICAST_MAX_RECIPIENTS) {
    const chunk = i / MULTICAST_MAX_RECIPIENTS;
    values.push({
      kind: "multicast" as const,
      recipients: recipients.slice(i, i + MULTICAST_MAX_RECIPIENTS),
      messages: input.messages,
      cause: input.cause,
      dedupeKey: input.dedupeKey ? `${input.dedupeKey}#${chunk}` : null,
    });
  }
  const ids: string[] = [];
  for (let i = 0; i < values.length; i += 100) {
    const rows = await tx
      .insert(lineOutbox)
      .values(values.slice(i, i + 100))
      .onConflictDoNothing({ target: lineOutbox.dedupeKey })
      .returning({ id: lineOutbox.id });
    ids.push(...rows.map((row) => row.id));
  }
  if (ids.length > 0) wakeWorker();
  return ids;
}
