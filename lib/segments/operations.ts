import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Transaction } from "@/db";
import { rowsOf } from "@/db/rows";
import { broadcastLinks, broadcasts, topics } from "@/db/schema/segments";
import { GuardError, MESSAGES } from "@/lib/auth/guard";
import { defineOperation } from "@/lib/auth/operation";
import { isSystemAdmin } from "@/lib/auth/permissions";
import { isUniqueViolation } from "@/lib/db-errors";
import { countAudience } from "./audience";
import { linksIn } from "./compose";
import { STATUS_LABELS } from "./labels";
import { getBroadcastById, getTopicById } from "./queries";
import { queueBroadcast } from "./send";
import { broadcastIdSchema, composeBroadcastSchema, createTopicSchema, updateTopicSchema } from "./validations";

function duplicateTopicName(error: unknown): never {
  if (isUniqueViolation(error, "topics_department_name_unique")) {
    throw new GuardError(409, "この部署には同じ名前のトピックがすでにあります。", { name: ["同じ名前のトピックがすでにあります"] });
  }
  throw error;
}

export const createTopic = defineOperation({
  action: "topic.manage",
  schema: createTopicSchema,
  departments: (data) => [data.departmentId],
  async run({ data, tx }) {
    const [row] = await tx.insert(topics).values(data).returning().catch(duplicateTopicName);
    return { result: row!, audit: { action: "segment.topic.create", entity: "topic", entityId: row!.id, departmentId: row!.departmentId, after: row } };
  },
});

export const updateTopic = defineOperation({
  action: "topic.manage",
  schema: updateTopicSchema,
  departments: async (data, tx) => {
    const topic = await getTopicById(tx, { topicId: data.topicId });
    if (!topic) throw new GuardError(404, MESSAGES.notFound);
    return [topic.departmentId];
  },
  async run({ data, tx }) {
    const before = await getTopicById(tx, { topicId: data.topicId });
    const { topicId, ...changes } = data;
    const [after] = await tx
      .update(topics)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(eq(topics.id, topicId))
      .returning()
      .catch(duplicateTopicName);
    return { result: after!, audit: { action: "segment.topic.update", entity: "topic", entityId: topicId, departmentId: after!.departmentId, before, after } };
  },
});

const OTHER_DEPARTMENT_TOPIC = "他の部署のトピックでは配信できません。自分の部署のトピックを選んでください。";

/** The departments a broadcast touches: its own and every chosen topic's, so the guard checks them all. */
async function broadcastDepartments(tx: Transaction, departmentId: string, topicIds: string[]): Promise<string[]> {
  if (topicIds.length === 0) return [departmentId];
  const rows = await tx.select({ id: topics.id, departmentId: topics.departmentId, active: topics.active }).from(topics).where(inArray(topics.id, topicIds));
  if (rows.length !== new Set(topicIds).size) throw new GuardError(400, MESSAGES.invalid, { topicIds: ["選んだトピックが見つかりません"] });
  if (rows.some((row) => !row.active)) throw new GuardError(400, MESSAGES.invalid, { topicIds: ["停止中のトピックには配信できません"] });
  if (rows.some((row) => row.departmentId !== departmentId)) throw new GuardError(403, OTHER_DEPARTMENT_TOPIC, { topicIds: [OTHER_DEPARTMENT_TOPIC] });
  return [departmentId];
}

/** Saves a broadcast as a draft (or, for staff who may not send, as a request for the department admin's approval). */
export const composeBroadcast = defineOperation({
  action: "broadcast.compose",
  schema: composeBroadcastSchema,
  departments: (data, tx) => broadcastDepartments(tx, data.departmentId, data.topicIds),
  async run({ data, tx, actor }) {
    if (data.emergency && !isSystemAdmin(actor)) throw new GuardError(403, "全員への緊急配信は、システム管理者だけが行えます。");
    if (data.scheduledAt && new Date(data.scheduledAt).getTime() < Date.now() - 60_000) {
      throw new GuardError(400, MESSAGES.invalid, { scheduledAt: ["予約日時は今より後にしてください"] });
    }
    const filters = {
      ...(data.ageMin != null ? { ageMin: data.ageMin } : {}),
      ...(data.ageMax != null ? { ageMax: data.ageMax } : {}),
      ...(data.programId ? { programId: data.programId } : {}),
      ...(data.filingStatus ? { filingStatus: data.filingStatus } : {}),
    };
    const [row] = await tx
      .insert(broadcasts)
      .values({
        departmentId: data.departmentId,
        title: data.title,
        text: data.text,
        textEasy: data.textEasy ?? null,
        textEn: data.textEn ?? null,
        imageUrl: data.imageUrl ?? null,
        imageAlt: data.imageAlt ?? null,
        buttonLabel: data.buttonLabel ?? null,
        buttonPath: data.buttonPath ?? null,
        topicIds: [...new Set(data.topicIds)],
        filters,
        emergency: data.emergency,
        scheduledAt: data.scheduledAt ? new Date(data.scheduledAt) : null,
        createdBy: actor.id,
      })
      .returning();
    const links = linksIn(row!);
    if (links.length > 0) await tx.insert(broadcastLinks).values(links.map((url) => ({ broadcastId: row!.id, url })));
    const recipients = await countAudience(tx, { topicIds: row!.topicIds, emergency: row!.emergency, filters });
    return {
      result: { broadcast: row!, recipients },
      audit: { action: "broadcast.compose", entity: "broadcast", entityId: row!.id, departmentId: row!.departmentId, after: { ...row!, links: links.length, recipients } },
    };
  },
});

/** Locks a broadcast and checks the actor may act on it in its current state. */
async function lockBroadcast(tx: Transaction, broadcastId: string, allowed: readonly string[]) {
  const [row] = await tx.select().from(broadcasts).where(eq(broadcasts.id, broadcastId)).for("update");
  if (!row) throw new GuardError(404, MESSAGES.notFound);
  if (!allowed.includes(row.status)) throw new GuardError(409, `この配信は「${STATUS_LABELS[row.status]}」のため、この操作はできません。`);
  return row;
}


const departmentOf = async (data: { broadcastId: string }, tx: Transaction) => {
  const row = await getBroadcastById(tx, { broadcastId: data.broadcastId });
  if (!row) throw new GuardError(404, MESSAGES.notFound);
  return broadcastDepartments(tx, row.departmentId, row.topicIds);
};

export const submitBroadcast = defineOperation({
  action: "broadcast.compose",
  schema: broadcastIdSchema,
  departments: departmentOf,
  async run({ data, tx }) {
    const before = await lockBroadcast(tx, data.broadcastId, ["draft"]);
    await tx.update(broadcasts).set({ status: "pending_approval", updatedAt: sql`now()` }).where(eq(broadcasts.id, before.id));
    return { result: { status: "pending_approval" as const }, audit: { action: "broadcast.submit", entity: "broadcast", entityId: before.id, departmentId: before.departmentId, before: { status: before.status }, after: { status: "pending_approval" } } };
  },
});

/**
 * Approves and sends a broadcast (or queues it for its scheduled time): recipients are fixed now, once each,
 * and the outbox rows are written in this same transaction.
 */
export const sendBroadcast = defineOperation({
  action: "broadcast.send",
  schema: broadcastIdSchema,
  departments: departmentOf,
  async run({ data, tx, actor }) {
    const before = await lockBroadcast(tx, data.broadcastId, ["draft", "pending_approval"]);
    if (before.emergency && !isSystemAdmin(actor)) throw new GuardError(403, "全員への緊急配信は、システム管理者だけが行えます。");
    const outcome = await queueBroadcast(tx, before, { approvedBy: actor.id });
    return {
      result: outcome,
      audit: {
        action: outcome.status === "scheduled" ? "broadcast.schedule" : "broadcast.send",
        entity: "broadcast",
        entityId: before.id,
        departmentId: before.departmentId,
        before: { status: before.status },
        after: { status: outcome.status, recipients: outcome.recipients, outboxRows: outcome.outboxRows, scheduledAt: before.scheduledAt, emergency: before.emergency },
      },
    };
  },
});

export const cancelBroadcast = defineOperation({
  action: "broadcast.send",
  schema: broadcastIdSchema,
  departments: departmentOf,
  async run({ data, tx }) {
    const before = await lockBroadcast(tx, data.broadcastId, ["draft", "pending_approval", "scheduled"]);
    if (before.status === "scheduled") {
      const started = rowsOf(await tx.execute(sql`select 1 from line_outbox where cause like ${`broadcast:${before.id}:%`} and status <> 'pending' limit 1`));
      if (started.length > 0) {
        throw new GuardError(409, "送信が始まっているため、取り消せません。");
      }
      await tx.execute(sql`delete from line_outbox where cause like ${`broadcast:${before.id}:%`} and status = 'pending'`);
    }
    await tx.update(broadcasts).set({ status: "cancelled", updatedAt: sql`now()` }).where(and(eq(broadcasts.id, before.id)));
    return { result: { status: "cancelled" as const }, audit: { action: "broadcast.cancel", entity: "broadcast", entityId: before.id, departmentId: before.departmentId, before: { status: before.status }, after: { status: "cancelled" } } };
  },
});
