import { createHash } from "node:crypto";
import { messagingApi, validateSignature } from "@line/bot-sdk";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Database, type Transaction } from "@/db";
import { lineWebhookEvents } from "@/db/schema/line";
import { getConfig } from "@/lib/config/env";
import { databaseErrorCode } from "@/lib/db-errors";
import { storableJsonCopy, unstorableJsonText } from "@/lib/validation/text";
import { LINE_USER_ID } from "./ids";

const MAX_EVENT_ATTEMPTS = 5;

const eventSchema = z
  .object({
    type: z.string().min(1),
    webhookEventId: z.string().min(1).max(100),
    timestamp: z.number(),
    source: z.object({ type: z.string(), userId: z.string().optional() }).loose().optional(),
    deliveryContext: z.object({ isRedelivery: z.boolean() }).loose().optional(),
  })
  .loose();
// Events are checked one by one (eventSchema), so one malformed event cannot hold back the others.
const bodySchema = z.object({ destination: z.unknown().optional(), events: z.array(z.unknown()) });

export type WebhookAcceptResult = { status: 200 | 400 | 401; stored: number; duplicates: number; rejected: number };

/** HMAC-SHA256 of the raw body with the channel secret, compared in constant time (bot-sdk validateSignature). */
export function isValidSignature(rawBody: string, signature: string | null, channelSecret: string): boolean {
  if (!signature) return false;
  try {
    return validateSignature(rawBody, channelSecret, signature);
  } catch {
    return false;
  }
}

/**
 * The synchronous half of the webhook: check the signature, store each event once (LINE redelivers with the
 * same webhookEventId) and return. Nothing is stored unless the signature is right.
 */
export async function acceptWebhook(rawBody: string, signature: string | null, options: { db?: Database } = {}): Promise<WebhookAcceptResult> {
  const config = getConfig();
  if (!isValidSignature(rawBody, signature, config.LINE_CHANNEL_SECRET)) return { status: 401, stored: 0, duplicates: 0, rejected: 0 };
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return { status: 400, stored: 0, duplicates: 0, rejected: 0 };
  }
  const parsed = bodySchema.safeParse(json);
  if (!parsed.success) return { status: 400, stored: 0, duplicates: 0, rejected: 0 };
  const db = options.db ?? (await getDb());
  const result: WebhookAcceptResult = { status: 200, stored: 0, duplicates: 0, rejected: 0 };
  // LINE's "verify" button sends an empty event list: answer 200.
  for (const event of parsed.data.events) result[await storeWebhookEvent(db, event)]++;
  return result;
}

/** The row of an event that cannot be handled: kept (as text that can be stored) with the reason, never retried. */
function rejectedRow(raw: unknown, reason: string) {
  const copy = storableJsonCopy(raw) as Partial<EventPayload> | null;
  const event = copy !== null && typeof copy === "object" && !Array.isArray(copy) ? copy : { value: copy };
  const ownId = typeof event.webhookEventId === "string" && event.webhookEventId === (raw as EventPayload).webhookEventId ? event.webhookEventId : null;
  return {
    // An id that cannot be stored is replaced by the event's digest, so a redelivery is still recognised.
    webhookEventId: ownId && ownId.length <= 100 ? ownId : `rejected:${createHash("sha256").update(JSON.stringify(copy)).digest("hex")}`,
    type: typeof event.type === "string" ? event.type.slice(0, 50) : "unknown",
    lineUserId: null,
    payload: redacted(event),
    isRedelivery: event.deliveryContext?.isRedelivery === true,
    status: "rejected" as const,
    lastError: reason.slice(0, 500),
  };
}

/** Stores one event of a delivery on its own: a malformed one is recorded as rejected with its reason. */
async function storeWebhookEvent(db: Database, raw: unknown): Promise<"stored" | "duplicates" | "rejected"> {
  const problem = unstorableJsonText(raw);
  const parsed = problem ? null : eventSchema.safeParse(raw);
  let row;
  if (problem) row = rejectedRow(raw, `保存できない文字を含むイベント: ${problem}`);
  else if (!parsed?.success) row = rejectedRow(raw, `LINE のイベントの形式ではありません: ${parsed?.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  else {
    const event = parsed.data;
    row = { webhookEventId: event.webhookEventId, type: event.type, lineUserId: event.source?.userId ?? null, payload: event, isRedelivery: event.deliveryContext?.isRedelivery ?? false };
  }
  const insert = (values: typeof row) =>
    db.insert(lineWebhookEvents).values(values).onConflictDoNothing({ target: lineWebhookEvents.webhookEventId }).returning({ id: lineWebhookEvents.webhookEventId });
  try {
    const rows = await insert(row);
    return rows.length === 0 ? "duplicates" : "status" in row ? "rejected" : "stored";
  } catch (error) {
    // Whatever else the database refuses in one event (e.g. a number jsonb cannot hold) is that event's problem alone.
    if (databaseErrorCode(error) === null || "status" in row) throw error;
    console.error(`[line webhook] event ${row.webhookEventId} refused by the database`, error);
    await insert(rejectedRow(raw, `データベースが保存を拒否したイベント（SQLSTATE ${databaseErrorCode(error)}）`));
    return "rejected";
  }
}

export type StoredEvent = typeof lineWebhookEvents.$inferSelect;
export type EventPayload = z.infer<typeof eventSchema> & { postback?: { data?: string }; message?: { type?: string; text?: string } };

/** LINE's display name for a new friend; best effort and outside any transaction (a slow LINE holds no locks). */
async function fetchDisplayName(userId: string): Promise<string | null> {
  const config = getConfig();
  try {
    const client = new messagingApi.MessagingApiClient({ baseURL: config.LINE_API_BASE_URL, channelAccessToken: config.LINE_CHANNEL_ACCESS_TOKEN });
    const profile = await Promise.race([
      client.getProfile(userId),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), Math.min(config.LINE_REQUEST_TIMEOUT_MS, 3000))),
    ]);
    return profile.displayName.slice(0, 100);
  } catch {
    return null;
  }
}

/** What a handler of one stored event gets: the event's transaction, the event, its verified source user and LINE's display name. */
export type WebhookEventContext = { tx: Transaction; stored: StoredEvent; event: EventPayload; userId: string | null; displayName: string | null };
/** Returns true when it handled the event fully, so the handlers registered after it are skipped. */
export type WebhookEventHandler = (context: WebhookEventContext) => Promise<boolean | void>;
// On globalThis: route bundles and the in-process worker must see one registry, whichever module copy registered.
const registry = ((globalThis as unknown as { yakubaWebhookHandlers?: { handlers: Map<string, WebhookEventHandler[]>; ready: boolean } }).yakubaWebhookHandlers ??= {
  handlers: new Map(),
  ready: false,
});

/**
 * Lets a service (e.g. topics for follow, unfollow and postback) handle an event type without this module knowing
 * it. Services register from lib/services/line-webhook.ts, the composition root the route, the worker and the
 * in-process worker's callers import. Handlers run in registration order.
 */
export function onWebhookEvent(type: string, handler: WebhookEventHandler): void {
  registry.handlers.set(type, [...(registry.handlers.get(type) ?? []), handler]);
}

/** Called once every service has registered: until then stored events wait, rather than miss a service's handling. */
export function markWebhookHandlersReady(): void {
  registry.ready = true;
}

/**
 * The per-event dispatch point: one stored event and every registered handler, in order, all in the
 * one transaction the caller opened for it. A throw rolls back this event alone (it is retried, then failed).
 */
export async function dispatchWebhookEvent(tx: Transaction, stored: StoredEvent, displayName: string | null): Promise<void> {
  const event = stored.payload as EventPayload;
  const userId = event.source?.userId && LINE_USER_ID.test(event.source.userId) ? event.source.userId : null;
  for (const handler of registry.handlers.get(stored.type) ?? []) {
    if ((await handler({ tx, stored, event, userId, displayName })) === true) return;
  }
}

function redacted(payload: unknown): unknown {
  const event = payload as EventPayload;
  if (event.message?.text === undefined) return payload;
  return { ...event, message: { ...event.message, text: "[redacted]" } };
}

/**
 * Handles stored events not yet processed, oldest first. Each event is claimed with FOR UPDATE SKIP LOCKED,
 * so several workers (or the in-process one and `npm run worker`) never handle one event twice.
 */
export async function processPendingWebhookEvents(options: { db?: Database; limit?: number } = {}): Promise<number> {
  if (!registry.ready) return 0;
  const db = options.db ?? (await getDb());
  let handled = 0;
  for (let i = 0; i < (options.limit ?? 50); i++) {
    // Peek first so a follow's profile is fetched before the transaction that locks the event.
    const [next] = await db.select({ type: lineWebhookEvents.type, userId: lineWebhookEvents.lineUserId }).from(lineWebhookEvents).where(eq(lineWebhookEvents.status, "received")).orderBy(lineWebhookEvents.receivedAt).limit(1);
    if (!next) break;
    const displayName = next.type === "follow" && next.userId && LINE_USER_ID.test(next.userId) ? await fetchDisplayName(next.userId) : null;
    const outcome = await db.transaction(async (tx) => {
      const [stored] = await tx
        .select()
        .from(lineWebhookEvents)
        .where(eq(lineWebhookEvents.status, "received"))
        .orderBy(lineWebhookEvents.receivedAt)
        .limit(1)
        .for("update", { skipLocked: true });
      if (!stored) return "empty" as const;
      try {
        await tx.transaction(async (inner) => dispatchWebhookEvent(inner, stored, stored.lineUserId === next.userId ? displayName : null));
        await tx
          .update(lineWebhookEvents)
          .set({ status: "processed", processedAt: sql`now()`, attempts: stored.attempts + 1, payload: redacted(stored.payload) })
          .where(eq(lineWebhookEvents.webhookEventId, stored.webhookEventId));
      } catch (error) {
        await tx
          .update(lineWebhookEvents)
          .set({
            status: stored.attempts + 1 >= MAX_EVENT_ATTEMPTS ? "failed" : "received",
            attempts: stored.attempts + 1,
            lastError: String((error as Error).message).slice(0, 500),
          })
          .where(eq(lineWebhookEvents.webhookEventId, stored.webhookEventId));
      }
      return "handled" as const;
    });
    if (outcome === "empty") break;
    handled++;
  }
  return handled;
}
