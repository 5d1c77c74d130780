import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb, type Database } from "@/db";
import { auditLog } from "@/db/schema/audit";
import { writeAudit } from "@/lib/audit/log";
import { startJobLoop } from "@/lib/jobs/loop";
import { PAYMENTS_ACTOR, type PaymentHandlers } from "./apply";
import type { PaymentProvider } from "./provider";
import { recheckPendingPayments } from "./service";

const DAILY_ACTION = "payment.recheck_daily";
const DAILY_ENTITY = "payment_reconciliation_day";
const jstDay = (at: Date) => new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);

export type DailyRecheck = { ran: false } | { ran: true; checked: number; failed: number; changed: number };

/**
 * The daily reconciliation: once per JST day, re-checks every pending payment and submitted refund with the
 * provider. The day's audit entry is the marker, so a restarted or second worker does not run it again; the
 * advisory lock keeps two workers from running it at the same moment.
 */
export async function runDailyPaymentRecheck(handlers: PaymentHandlers, options: { now?: Date; db?: Database; provider?: PaymentProvider } = {}): Promise<DailyRecheck> {
  const db = options.db ?? (await getDb());
  const now = options.now ?? new Date();
  const day = jstDay(now);
  const claimed = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('payment-recheck-daily'))`);
    const [done] = await tx
      .select({ id: auditLog.id })
      .from(auditLog)
      // (entity, entity_id) is indexed: the day is the entity id, so this never scans the log.
      .where(and(eq(auditLog.entity, DAILY_ENTITY), eq(auditLog.entityId, day), eq(auditLog.action, DAILY_ACTION)))
      .limit(1);
    if (done) return false;
    // Claimed before the provider is asked: a crash mid-run is finished by the next day's run, never repeated today.
    await writeAudit(tx, { action: DAILY_ACTION, actor: PAYMENTS_ACTOR, requestId: null, entity: DAILY_ENTITY, entityId: day, after: { day } });
    return true;
  });
  if (!claimed) return { ran: false };
  const result = await recheckPendingPayments(handlers, { db, provider: options.provider, limit: 5000 });
  return { ran: true, ...result };
}

/** Checks every 15 minutes whether today's re-check is due (started by `npm run worker`). */
export function startPaymentJobs(handlers: PaymentHandlers, options: { intervalMs?: number; log?: (line: string) => void } = {}) {
  return startJobLoop({
    name: "payments",
    intervalMs: options.intervalMs ?? 15 * 60_000,
    round: () => runDailyPaymentRecheck(handlers),
    describe: (r) => (r.ran ? `daily recheck checked=${r.checked} changed=${r.changed} failed=${r.failed}` : null),
    log: options.log,
  });
}
