import { rowsOf } from "@/db/rows";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { getDb, type Database } from "@/db";
import { AUDIT_COLUMNS, auditSelectList } from "@/lib/audit/log";
import { getConfig } from "@/lib/config/env";
import { createLineMessenger, type LineMessage, type LineMessenger, type SendResult } from "./client";
import { processPendingWebhookEvents } from "./webhook";

/*
 * Why an outbox table and not pg-boss / graphile-worker:
 * - The message row must be written in the caller's Drizzle transaction. pg-boss and graphile-worker enqueue
 *   through their own `pg` connection (or a raw-SQL adapter), so "same transaction" would need a second driver
 *   wired into both postgres.js and PGlite; a plain table insert gets it for free on both.
 * - Both libraries install their own schema and rely on features of a multi-connection server (LISTEN/NOTIFY,
 *   advisory locks, a dedicated pool); PGlite is one connection in-process, which they do not support.
 * - Delivery semantics are LINE-specific anyway: one X-Line-Retry-Key per row kept across every attempt,
 *   409-means-delivered, Retry-After on 429, ≤500 recipients per row, a shared requests/second budget.
 * So: a small table claimed with FOR UPDATE SKIP LOCKED under a lease. A crashed worker's rows come back when
 * the lease runs out and are resent with the same retry key, which LINE answers with 409 instead of a second copy.
 */

export type WorkerOptions = {
  db?: Database;
  messenger?: LineMessenger;
  workerId?: string;
  /** Rows in flight at once. */
  concurrency?: number;
  /** LINE's request budget for all workers together (every worker must be given the same figure). */
  requestsPerSecond?: number;
  /** The shared budget's row in line_rate_budget: one per LINE channel. */
  budgetName?: string;
  leaseSeconds?: number;
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  pollIntervalMs?: number;
  /** Also process stored webhook events (follow/unfollow/...) in the same loop. */
  webhookEvents?: boolean;
  /** Only rows whose cause starts with this prefix (tests and the bench share a database with other work). */
  scope?: string;
  log?: (line: string) => void;
};

export type WorkerStats = { claimed: number; sent: number; alreadyAccepted: number; retried: number; failed: number; requests: number };

type ClaimedRow = {
  id: string;
  kind: "push" | "multicast";
  recipients: string[];
  messages: LineMessage[];
  retryKey: string;
  attempts: number;
  /** When this row's request may go out, from now: its slot in the shared budget. */
  slotInMs: number;
};

export const DEFAULT_RATE_BUDGET = "line:messaging";

type Outcome = { status: "sent" | "failed" | "pending"; httpStatus: number | null; lineRequestId: string | null; error: string | null; delayMs: number };

/** Spaces requests evenly within one process (kept for callers outside the outbox; the worker shares line_rate_budget). */
export class RateLimiter {
  private next = 0;
  constructor(private readonly perSecond: number) {}
  async take(): Promise<void> {
    const now = Date.now();
    const slot = Math.max(now, this.next);
    this.next = slot + 1000 / this.perSecond;
    if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
  }
}

export function backoffMs(attempt: number, baseMs: number, maxMs: number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  // Full jitter: spreads retries of one burst so they do not hit LINE together again.
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

export class OutboxWorker {
  readonly id: string;
  readonly stats: WorkerStats = { claimed: 0, sent: 0, alreadyAccepted: 0, retried: 0, failed: 0, requests: 0 };
  private readonly options: Required<Omit<WorkerOptions, "db" | "messenger" | "workerId" | "log" | "scope">> & { log: (line: string) => void; scope: string };
  private messenger: LineMessenger | undefined;
  private db: Database | undefined;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(options: WorkerOptions = {}) {
    const config = getConfig();
    this.id = options.workerId ?? `worker-${process.pid}-${randomUUID().slice(0, 8)}`;
    this.db = options.db;
    this.messenger = options.messenger;
    this.options = {
      concurrency: options.concurrency ?? 20,
      requestsPerSecond: options.requestsPerSecond ?? config.LINE_PUSH_REQUESTS_PER_SECOND,
      budgetName: options.budgetName ?? DEFAULT_RATE_BUDGET,
      leaseSeconds: options.leaseSeconds ?? config.LINE_OUTBOX_LEASE_SECONDS,
      maxAttempts: options.maxAttempts ?? config.LINE_OUTBOX_MAX_ATTEMPTS,
      backoffBaseMs: options.backoffBaseMs ?? 1000,
      backoffMaxMs: options.backoffMaxMs ?? 5 * 60_000,
      pollIntervalMs: options.pollIntervalMs ?? 1000,
      webhookEvents: options.webhookEvents ?? true,
      log: options.log ?? (() => {}),
      scope: options.scope ?? "",
    };
  }

  private async database(): Promise<Database> {
    this.db ??= await getDb();
    return this.db;
  }

  private getMessenger(): LineMessenger {
    if (!this.messenger) {
      const config = getConfig();
      this.messenger = createLineMessenger({ baseUrl: config.LINE_API_BASE_URL, channelAccessToken: config.LINE_CHANNEL_ACCESS_TOKEN, timeoutMs: config.LINE_REQUEST_TIMEOUT_MS });
    }
    return this.messenger;
  }

  /**
   * Claims due rows (pending and due, or sending with an expired lease) without blocking other workers, and in the
   * same statement reserves one slot per row in the budget every worker shares: `next_slot_at` moves on by
   * 1/rate per request, serialised by the row lock, so all workers together keep to the rate. One round trip.
   */
  async claim(limit: number): Promise<ClaimedRow[]> {
    const db = await this.database();
    const result = await db.execute(sql`
      with due as (
        select id from line_outbox
        where ((status = 'pending' and next_attempt_at <= now())
           or (status = 'sending' and locked_until < now()))
          and cause like ${this.likeScope()}
        order by next_attempt_at
        limit ${limit}
        for update skip locked
      ),
      claimed as (
        update line_outbox o
           set status = 'sending', locked_by = ${this.id},
               locked_until = now() + make_interval(secs => ${this.options.leaseSeconds}),
               attempts = o.attempts + 1
          from due
         where o.id = due.id
        returning o.id, o.kind, o.recipients, o.messages, o.retry_key, o.attempts, o.next_attempt_at
      ),
      budget as (
        insert into line_rate_budget as b (name, next_slot_at)
        select ${this.options.budgetName}::text, now() + n.span
          from (select count(*) * make_interval(secs => 1.0 / ${this.options.requestsPerSecond}::float8) as span from due) n
         where n.span > interval '0'
        on conflict (name) do update set next_slot_at = greatest(b.next_slot_at, now()) + (excluded.next_slot_at - now())
        returning next_slot_at
      )
      select c.*, extract(epoch from ((select next_slot_at from budget) - clock_timestamp())) * 1000 as budget_end_ms
        from claimed c
       order by c.next_attempt_at`);
    const spacingMs = 1000 / this.options.requestsPerSecond;
    const raw = rowsOf(result);
    const rows = raw.map((row, index) => ({
      id: String(row.id),
      kind: row.kind as ClaimedRow["kind"],
      recipients: row.recipients as string[],
      messages: (typeof row.messages === "string" ? JSON.parse(row.messages) : row.messages) as LineMessage[],
      retryKey: String(row.retry_key),
      attempts: Number(row.attempts),
      // The reserved slots end at budget_end_ms: this row's is the index-th of the last raw.length.
      slotInMs: Number(row.budget_end_ms) - (raw.length - index) * spacingMs,
    }));
    this.stats.claimed += rows.length;
    return rows;
  }

  private likeScope(): string {
    return `${this.options.scope.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }

  /** What became of one delivery: final (sent, failed, with an audit entry) or due again after a delay. */
  private outcomeOf(row: ClaimedRow, result: SendResult): Outcome {
    if (result.ok) {
      if (result.alreadyAccepted) this.stats.alreadyAccepted++;
      else this.stats.sent++;
      return { status: "sent", httpStatus: result.alreadyAccepted ? 409 : 200, lineRequestId: result.requestId, error: null, delayMs: 0 };
    }
    if (!result.transient || row.attempts >= this.options.maxAttempts) {
      this.stats.failed++;
      this.options.log(`[line-outbox] ${row.id} failed for good after ${row.attempts} attempt(s): ${result.error}`);
      return { status: "failed", httpStatus: result.status, lineRequestId: null, error: result.error, delayMs: 0 };
    }
    this.stats.retried++;
    const delayMs = Math.max(result.retryAfterMs ?? 0, backoffMs(row.attempts, this.options.backoffBaseMs, this.options.backoffMaxMs));
    return { status: "pending", httpStatus: result.status, lineRequestId: null, error: result.error, delayMs };
  }

  /**
   * Records a pass's outcomes in one statement (one round trip, atomic as a transaction would be), each only while
   * this worker still holds the row's lease: sent and failed rows with their audit entries, retries with their
   * next attempt. A crash before this leaves the rows to the lease; their resend carries the same retry key.
   */
  private async settle(settled: { row: ClaimedRow; outcome: Outcome }[]): Promise<void> {
    if (settled.length === 0) return;
    const db = await this.database();
    // One JSON parameter, so the statement's text (and its prepared plan) is the same for any number of rows.
    const outcomes = JSON.stringify(
      settled.map(({ row, outcome }) => ({
        id: row.id,
        status: outcome.status,
        http_status: outcome.httpStatus,
        line_request_id: outcome.lineRequestId,
        error: outcome.error,
        delay_s: outcome.delayMs / 1000,
        kind: row.kind,
        recipients: row.recipients.length,
        attempts: row.attempts,
      })),
    );
    // Recipients stay out of the audit trail: the outbox row keeps them.
    const after = sql`jsonb_build_object('status', done.status, 'kind', done.kind, 'recipients', done.recipients, 'attempts', done.attempts, 'httpStatus', done.http_status, 'cause', done.cause)`;
    await db.execute(sql`
      with outcome as (
        select * from jsonb_to_recordset(${outcomes}::jsonb)
          as t(id uuid, status text, http_status int, line_request_id text, error text, delay_s float8, kind text, recipients int, attempts int)
      ),
      done as (
        update line_outbox o
           set status = outcome.status,
               sent_at = case when outcome.status = 'sent' then now() else o.sent_at end,
               line_request_id = case when outcome.status = 'sent' then outcome.line_request_id else o.line_request_id end,
               last_error = case when outcome.status = 'sent' then o.last_error else outcome.error end,
               last_http_status = outcome.http_status,
               finished_at = case when outcome.status = 'pending' then o.finished_at else now() end,
               next_attempt_at = case when outcome.status = 'pending' then now() + make_interval(secs => outcome.delay_s) else o.next_attempt_at end,
               locked_by = null, locked_until = null
          from outcome
         where o.id = outcome.id and o.locked_by = ${this.id}::text and o.status = 'sending'
        returning o.id, o.cause, outcome.status, outcome.http_status, outcome.kind, outcome.recipients, outcome.attempts
      )
      insert into audit_log ${AUDIT_COLUMNS}
      select ${auditSelectList({ action: sql`'line.message.' || done.status`, entity: "line_outbox", entityId: sql`done.id::text`, actor: { type: "system", id: this.id, label: "LINE outbox worker" }, requestId: null, after })}
        from done where done.status <> 'pending'`);
  }

  private async deliver(row: ClaimedRow): Promise<{ row: ClaimedRow; outcome: Outcome }> {
    if (row.slotInMs > 0) await new Promise((resolve) => setTimeout(resolve, row.slotInMs));
    this.stats.requests++;
    const messenger = this.getMessenger();
    const result =
      row.kind === "push"
        ? await messenger.push(row.recipients[0]!, row.messages, row.retryKey)
        : await messenger.multicast(row.recipients, row.messages, row.retryKey);
    return { row, outcome: this.outcomeOf(row, result) };
  }

  /** One pass: claim up to `concurrency` rows and deliver them in parallel. Returns how many were claimed. */
  async runOnce(): Promise<number> {
    const rows = await this.claim(this.options.concurrency);
    const delivered = await Promise.allSettled(rows.map((row) => this.deliver(row)));
    // Two round trips a pass however many rows it claimed: the claim, and every outcome recorded together.
    await this.settle(delivered.flatMap((d) => (d.status === "fulfilled" ? [d.value] : [])));
    const thrown = delivered.find((d) => d.status === "rejected");
    if (thrown) throw thrown.reason;
    return rows.length;
  }

  /** Runs passes until nothing is pending or sending (tests and the bench). */
  async drain(options: { timeoutMs?: number } = {}): Promise<void> {
    const deadline = Date.now() + (options.timeoutMs ?? 120_000);
    const db = await this.database();
    for (;;) {
      const claimed = await this.runOnce();
      if (claimed > 0) continue;
      const [open] = rowsOf(await db.execute(sql`select count(*)::int as n, min(next_attempt_at) as next from line_outbox where status in ('pending','sending') and cause like ${this.likeScope()}`));
      if (!open || Number(open.n) === 0) return;
      if (Date.now() > deadline) throw new Error(`outbox not drained: ${open.n} open rows`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        let busy = false;
        try {
          if (this.options.webhookEvents) busy = (await processPendingWebhookEvents({ db: await this.database() })) > 0;
          busy = (await this.runOnce()) > 0 || busy;
        } catch (error) {
          this.options.log(`[line-outbox] pass failed: ${(error as Error).message}`);
        }
        if (!busy && this.running) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, this.options.pollIntervalMs);
            this.wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          this.wake = null;
        }
      }
    })();
  }

  /** Asks a sleeping loop to look for work now (called after an enqueue in this process). */
  poke(): void {
    this.wake?.();
  }

  /** Stops claiming and waits for in-flight deliveries to settle. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }
}
