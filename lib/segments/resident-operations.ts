import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { residents } from "@/db/schema/residents";
import { segmentEvents, topics, topicSubscriptions } from "@/db/schema/segments";
import { defineResidentOperation } from "@/lib/residents/guard";
import { ResidentRefusal } from "@/lib/residents/errors";
import { saveResidentLocale } from "@/lib/residents/locale";
import { setLocaleSchema, setSubscriptionSchema } from "./validations";

/** A resident switches one topic on or off; a change of the effective choice is kept for the statistics. */
export const setTopicSubscription = defineResidentOperation({
  action: "segment.subscription.set",
  schema: setSubscriptionSchema,
  async run({ data, tx, resident }) {
    const [topic] = await tx.select().from(topics).where(and(eq(topics.id, data.topicId), eq(topics.active, true)));
    if (!topic) throw new ResidentRefusal(400, { code: "invalid" });
    const [own] = await tx
      .select({ subscribed: topicSubscriptions.subscribed })
      .from(topicSubscriptions)
      .where(and(eq(topicSubscriptions.residentId, resident.id), eq(topicSubscriptions.topicId, topic.id)))
      .for("update");
    const before = own?.subscribed ?? topic.defaultOn;
    await tx
      .insert(topicSubscriptions)
      .values({ residentId: resident.id, topicId: topic.id, subscribed: data.subscribed })
      .onConflictDoUpdate({ target: [topicSubscriptions.residentId, topicSubscriptions.topicId], set: { subscribed: data.subscribed, updatedAt: sql`now()` } });
    // Only followers count in the statistics; a follow or unfollow records the effective topics itself.
    const [{ following } = { following: false }] = await tx.select({ following: residents.following }).from(residents).where(eq(residents.id, resident.id));
    if (before !== data.subscribed && following) {
      await tx.insert(segmentEvents).values({ kind: data.subscribed ? "subscribe" : "unsubscribe", residentId: resident.id, topicId: topic.id });
    }
    return {
      result: { topicId: topic.id, subscribed: data.subscribed },
      audit: { entity: "resident", entityId: resident.id, departmentId: topic.departmentId, before: { topicId: topic.id, subscribed: before }, after: { topicId: topic.id, subscribed: data.subscribed } },
    };
  },
});

/** The resident's language for LINE messages (the page also sets the yakuba_lang cookie). */
export const setResidentLocale = defineResidentOperation({
  action: "resident.locale.set",
  schema: setLocaleSchema,
  async run({ data, tx, resident }) {
    await saveResidentLocale(tx, { residentId: resident.id, locale: data.locale });
    return { result: { locale: data.locale }, audit: { entity: "resident", entityId: resident.id, after: { locale: data.locale } } };
  },
});
