import { eq, sql } from "drizzle-orm";
import { residents } from "@/db/schema/residents";
import { writeAudit } from "@/lib/audit/log";
import { liffUrl } from "@/lib/line/links";
import { enqueuePush } from "@/lib/line/outbox";
import type { WebhookEventContext } from "@/lib/line/webhook";
import type { ResidentLocale } from "@/lib/i18n/locale";
import { residentLocaleOrDefault } from "./locale";
import { upsertResidentByLineUserId } from "./residents";

const SYSTEM_ACTOR = { type: "system" as const, id: "line-webhook", label: "LINE Webhook" };

export const WELCOME_TEXT =
  "友だち追加ありがとうございます。役場の LINE です。\n下のメニューから、物価高騰支援の申請・電子申請・予約・受信設定ができます。\n\nThank you for adding us. Use the menu below to apply, book, or choose topics.";
/** The automatic reply to a message, and the link a postback asks for, in the resident's language. */
export const RESIDENT_LINE_TEXTS: Record<ResidentLocale, { autoReply: string; openHere: (url: string) => string }> = {
  ja: {
    autoReply: "メッセージありがとうございます。この LINE では個別のお返事ができません。下のメニューをご利用ください。お問い合わせは役場の窓口・お電話でどうぞ。",
    openHere: (url) => `こちらから開けます。\n${url}`,
  },
  "ja-easy": {
    autoReply: "メッセージ ありがとう ございます。この LINE では おへんじが できません。下（した）の メニューを つかって ください。ききたい ことは 役場（やくば）の まどぐちか でんわで どうぞ。",
    openHere: (url) => `ここから ひらけます。\n${url}`,
  },
  en: {
    autoReply: "Thank you for your message. We cannot reply to individual messages on this LINE account. Please use the menu below, or ask at the town office counter or by phone.",
    openHere: (url) => `Open it here:\n${url}`,
  },
};

/**
 * The resident side of every LINE event, in the event's transaction: follow, unfollow (a block), postbacks that
 * open a page, and messages (an automatic reply). Registered last (lib/services/line-webhook.ts), so a service
 * that fully handles an event (topics' welcome) comes first.
 */
export async function handleResidentLineEvent({ tx, stored, event, userId, displayName }: WebhookEventContext): Promise<boolean> {
  if (!userId) return false;
  const audit = (action: string, entityId: string, after: unknown, before: unknown = null) =>
    writeAudit(tx, { action, entity: "resident", entityId, actor: SYSTEM_ACTOR, requestId: stored.webhookEventId, after, before });

  switch (event.type) {
    case "follow": {
      const { resident } = await upsertResidentByLineUserId(tx, { lineUserId: userId, displayName });
      await tx
        .update(residents)
        .set({ following: true, followedAt: sql`now()`, blockedAt: null, updatedAt: sql`now()` })
        .where(eq(residents.id, resident.id));
      await audit("resident.follow", resident.id, { following: true }, { following: resident.following, blockedAt: resident.blockedAt });
      await enqueuePush(tx, {
        to: userId,
        messages: [{ type: "text", text: `${WELCOME_TEXT}\n${liffUrl()}` }],
        cause: `webhook:${stored.webhookEventId}:follow`,
        dedupeKey: `webhook:${stored.webhookEventId}`,
      });
      return true;
    }
    case "unfollow": {
      const { resident } = await upsertResidentByLineUserId(tx, { lineUserId: userId });
      await tx.update(residents).set({ following: false, blockedAt: sql`now()`, updatedAt: sql`now()` }).where(eq(residents.id, resident.id));
      await audit("resident.unfollow", resident.id, { following: false, blocked: true }, { following: resident.following });
      return true;
    }
    case "postback": {
      const { resident } = await upsertResidentByLineUserId(tx, { lineUserId: userId });
      const data = new URLSearchParams(event.postback?.data ?? "");
      const page = data.get("open");
      await audit("line.postback", resident.id, { action: data.get("action"), open: page });
      if (page && /^\/[a-z0-9/-]*$/.test(page)) {
        await enqueuePush(tx, {
          to: userId,
          messages: [{ type: "text", text: RESIDENT_LINE_TEXTS[residentLocaleOrDefault(resident.locale)].openHere(liffUrl(page)) }],
          cause: `webhook:${stored.webhookEventId}:postback`,
          dedupeKey: `webhook:${stored.webhookEventId}`,
        });
      }
      return true;
    }
    case "message": {
      const { resident } = await upsertResidentByLineUserId(tx, { lineUserId: userId });
      // The text itself may hold personal data: the audit records only that a message came in.
      await audit("line.message.received", resident.id, { messageType: event.message?.type ?? null });
      await enqueuePush(tx, {
        to: userId,
        messages: [{ type: "text", text: RESIDENT_LINE_TEXTS[residentLocaleOrDefault(resident.locale)].autoReply }],
        cause: `webhook:${stored.webhookEventId}:message`,
        dedupeKey: `webhook:${stored.webhookEventId}`,
      });
      return true;
    }
    default:
      return false;
  }
}
