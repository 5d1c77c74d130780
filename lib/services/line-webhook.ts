import { markWebhookHandlersReady, onWebhookEvent } from "@/lib/line/webhook";
import { handleResidentLineEvent } from "@/lib/residents/line-events";
import { handleSegmentEvent } from "@/lib/segments/line-events";

/**
 * The composition root of LINE webhook handling: the services that act on LINE events register here, above the
 * LINE layer, so lib/line never imports a service. Imported for its effect by the webhook route and the worker.
 */
export function registerLineWebhookHandlers(): void {
  const state = globalThis as unknown as { yakubaLineWebhookRegistered?: boolean };
  if (state.yakubaLineWebhookRegistered) return;
  state.yakubaLineWebhookRegistered = true;
  // Topics (受信設定): follow and unfollow keep subscriptions and statistics; the settings and 安否確認 postbacks.
  for (const type of ["follow", "unfollow", "postback"]) {
    onWebhookEvent(type, ({ tx, stored, event, userId, displayName }) =>
      userId ? handleSegmentEvent(tx, { eventId: stored.webhookEventId, type: event.type, userId, postbackData: event.postback?.data, displayName }) : Promise.resolve(false),
    );
  }
  // The resident side of every event last: the generic welcome, blocks, page links and the automatic reply.
  for (const type of ["follow", "unfollow", "postback", "message"]) onWebhookEvent(type, handleResidentLineEvent);
  markWebhookHandlersReady();
}

registerLineWebhookHandlers();
