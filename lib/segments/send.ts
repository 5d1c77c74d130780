import { eq, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { rowsOf } from "@/db/rows";
import { broadcastLinks, broadcasts, type Broadcast } from "@/db/schema/segments";
import { getConfig } from "@/lib/config/env";
import { residentLocaleOrDefault } from "@/lib/residents/locale";
import { liffUrl } from "@/lib/line/links";
import { enqueueMulticast } from "@/lib/line/outbox";
import type { ResidentLocale } from "@/lib/i18n/locale";
import { audienceWhere } from "./audience";
import { buildLineMessages, versionFor } from "./compose";

export type QueueOutcome = { status: "sent" | "scheduled"; recipients: number; outboxRows: number };

/** Our counted redirect for one link of a broadcast. */
export function linkRedirectUrl(linkId: string): string {
  return `${getConfig().APP_URL.replace(/\/$/, "")}/r/${linkId}`;
}

/**
 * Fixes the recipients (the primary key keeps each resident once per broadcast) and writes the outbox rows —
 * one multicast per ≤500 residents of one language version, each with its own retry key and a dedupe key — in
 * the caller's transaction. A scheduled broadcast's rows wait in the outbox until their time.
 */
export async function queueBroadcast(tx: Executor, broadcast: Broadcast, options: { approvedBy: string | null }): Promise<QueueOutcome> {
  const audience = { topicIds: broadcast.topicIds, emergency: broadcast.emergency, filters: broadcast.filters };
  const recipients = rowsOf<{ line_user_id: string; locale: string | null }>(
    await tx.execute(sql`
      with added as (
        insert into broadcast_recipients (broadcast_id, resident_id, locale)
        select ${broadcast.id}, r.id, coalesce(r.locale, 'ja') from residents r where ${audienceWhere(audience)}
        on conflict do nothing
        returning resident_id, locale)
      select r.line_user_id, added.locale from added join residents r on r.id = added.resident_id`),
  );
  const links = await tx.select().from(broadcastLinks).where(eq(broadcastLinks.broadcastId, broadcast.id));
  const redirectOf = new Map(links.map((link) => [link.url, linkRedirectUrl(link.id)]));
  const byVersion = new Map<ResidentLocale, string[]>();
  for (const row of recipients) {
    const version = versionFor(broadcast, residentLocaleOrDefault(row.locale));
    const list = byVersion.get(version) ?? [];
    list.push(row.line_user_id);
    byVersion.set(version, list);
  }
  const scheduled = broadcast.scheduledAt && broadcast.scheduledAt.getTime() > Date.now();
  let outboxRows = 0;
  for (const [version, to] of byVersion) {
    const messages = buildLineMessages(broadcast, version, { redirect: (url) => redirectOf.get(url) ?? url, liffUrl });
    const cause = `broadcast:${broadcast.id}:${version}`;
    const ids = await enqueueMulticast(tx, { to, messages, cause, dedupeKey: cause });
    outboxRows += ids.length;
    if (scheduled && ids.length > 0) {
      await tx.execute(sql`update line_outbox set next_attempt_at = ${broadcast.scheduledAt!.toISOString()}::timestamptz where cause = ${cause} and status = 'pending'`);
    }
  }
  const status = scheduled ? "scheduled" : "sent";
  await tx
    .update(broadcasts)
    .set({ status, recipientCount: recipients.length, approvedBy: options.approvedBy, sentAt: scheduled ? null : sql`now()`, updatedAt: sql`now()` })
    .where(eq(broadcasts.id, broadcast.id));
  return { status, recipients: recipients.length, outboxRows };
}
