import { eq, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { residents } from "@/db/schema/residents";
import { segmentEvents } from "@/db/schema/segments";
import { writeAudit } from "@/lib/audit/log";
import { liffUrl } from "@/lib/line/links";
import { enqueuePush } from "@/lib/line/outbox";
import { residentLocaleOrDefault } from "@/lib/residents/locale";
import { upsertResidentByLineUserId } from "@/lib/residents/residents";
import { SEGMENT_MESSAGES } from "./messages";
import { recordFollowSubscriptions } from "./stats";

export const SETTINGS_PATH = "/settings";
/** The rich menu's 受信設定 tile sends this postback. */
export const SETTINGS_POSTBACK = "action=settings";

export type SegmentLineEvent = { eventId: string; type: string; userId: string; postbackData?: string; displayName: string | null };

const ACTOR = { type: "system" as const, id: "line-webhook", label: "LINE Webhook" };

/** The welcome in the resident's language; a new follower has not chosen one yet, so Japanese then English. */
function welcomeText(locale: string | null): string {
  const url = liffUrl(SETTINGS_PATH);
  if (locale) return SEGMENT_MESSAGES[residentLocaleOrDefault(locale)].line.welcome(url);
  return `${SEGMENT_MESSAGES.ja.line.welcome(url)}\n\n${SEGMENT_MESSAGES.en.line.welcome(url)}`;
}

/**
 * Follow, unfollow and the settings postback, as the segments domain sees them (lib/line/webhook.ts dispatches
 * here first). Returns true when the event is fully handled; false lets the webhook's own handling go on.
 */
export async function handleSegmentEvent(tx: Executor, event: SegmentLineEvent): Promise<boolean> {
  const cause = `webhook:${event.eventId}`;
  if (event.type === "follow") {
    const { resident } = await upsertResidentByLineUserId(tx, { lineUserId: event.userId, displayName: event.displayName });
    await tx.update(residents).set({ following: true, followedAt: sql`now()`, blockedAt: null, updatedAt: sql`now()` }).where(eq(residents.id, resident.id));
    if (!resident.following) {
      await tx.insert(segmentEvents).values({ kind: "follow", residentId: resident.id });
      await recordFollowSubscriptions(tx, { residentId: resident.id, kind: "subscribe" });
    }
    await writeAudit(tx, { action: "resident.follow", entity: "resident", entityId: resident.id, actor: ACTOR, requestId: event.eventId, before: { following: resident.following, blockedAt: resident.blockedAt }, after: { following: true } });
    await enqueuePush(tx, { to: event.userId, messages: [{ type: "text", text: welcomeText(resident.locale) }], cause: `${cause}:follow`, dedupeKey: cause });
    return true;
  }
  if (event.type === "unfollow") {
    const { resident } = await upsertResidentByLineUserId(tx, { lineUserId: event.userId });
    if (resident.following) {
      await tx.insert(segmentEvents).values({ kind: "unfollow", residentId: resident.id });
      await recordFollowSubscriptions(tx, { residentId: resident.id, kind: "unsubscribe" });
    }
    return false;
  }
  const postback = event.type === "postback" ? new URLSearchParams(event.postbackData ?? "").get("action") : null;
  if (postback === "safety_check") {
    // 防災モード's 安否確認 tile: the report itself is the audit entry staff can search for.
    const { resident } = await upsertResidentByLineUserId(tx, { lineUserId: event.userId });
    await writeAudit(tx, { action: "resident.safety_check", entity: "resident", entityId: resident.id, actor: ACTOR, requestId: event.eventId, after: { safe: true } });
    const text = SEGMENT_MESSAGES[residentLocaleOrDefault(resident.locale)].line.safetyNoted;
    await enqueuePush(tx, { to: event.userId, messages: [{ type: "text", text }], cause: `${cause}:postback`, dedupeKey: cause });
    return true;
  }
  if (postback === "settings") {
    const { resident } = await upsertResidentByLineUserId(tx, { lineUserId: event.userId });
    await writeAudit(tx, { action: "line.postback", entity: "resident", entityId: resident.id, actor: ACTOR, requestId: event.eventId, after: { action: "settings" } });
    const text = SEGMENT_MESSAGES[residentLocaleOrDefault(resident.locale)].line.openSettings(liffUrl(SETTINGS_PATH));
    await enqueuePush(tx, { to: event.userId, messages: [{ type: "text", text }], cause: `${cause}:postback`, dedupeKey: cause });
    return true;
  }
  return false;
}
