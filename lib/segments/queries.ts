import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { rowsOf } from "@/db/rows";
import { auditLog } from "@/db/schema/audit";
import { departments } from "@/db/schema/departments";
import { broadcastLinks, broadcasts, emergencyState, topics, topicSubscriptions } from "@/db/schema/segments";
import type { ResidentLocale } from "@/lib/i18n/locale";

/** Topics of these departments ("all" for a system admin), with their department's name. */
export async function getTopicsByDepartments(db: Executor, { departmentIds, activeOnly = false }: { departmentIds: "all" | string[]; activeOnly?: boolean }) {
  if (departmentIds !== "all" && departmentIds.length === 0) return [];
  const where = and(
    departmentIds === "all" ? undefined : inArray(topics.departmentId, departmentIds),
    activeOnly ? eq(topics.active, true) : undefined,
  );
  return db
    .select({ topic: topics, departmentName: departments.name })
    .from(topics)
    .innerJoin(departments, eq(departments.id, topics.departmentId))
    .where(where)
    .orderBy(asc(topics.sortOrder), asc(topics.name));
}

export async function getTopicById(db: Executor, { topicId }: { topicId: string }) {
  const [row] = await db.select().from(topics).where(eq(topics.id, topicId));
  return row ?? null;
}

export type ResidentTopic = { id: string; icon: string; name: string; description: string; subscribed: boolean };

/** The active topics in the resident's language, each with the resident's effective choice (own, else default). */
export async function getResidentTopics(db: Executor, { residentId, locale }: { residentId: string; locale: ResidentLocale }): Promise<ResidentTopic[]> {
  const rows = await db
    .select({ topic: topics, own: topicSubscriptions.subscribed })
    .from(topics)
    .leftJoin(topicSubscriptions, and(eq(topicSubscriptions.topicId, topics.id), eq(topicSubscriptions.residentId, residentId)))
    .where(eq(topics.active, true))
    .orderBy(asc(topics.sortOrder), asc(topics.name));
  return rows.map(({ topic, own }) => ({
    id: topic.id,
    icon: topic.icon,
    name: (locale === "en" ? topic.nameEn : locale === "ja-easy" ? topic.nameEasy : null) || topic.name,
    description: (locale === "en" ? topic.descriptionEn : locale === "ja-easy" ? topic.descriptionEasy : null) || topic.description,
    subscribed: own ?? topic.defaultOn,
  }));
}

export async function getBroadcastsByDepartments(db: Executor, { departmentIds, limit = 100 }: { departmentIds: "all" | string[]; limit?: number }) {
  if (departmentIds !== "all" && departmentIds.length === 0) return [];
  return db
    .select({ broadcast: broadcasts, departmentName: departments.name })
    .from(broadcasts)
    .innerJoin(departments, eq(departments.id, broadcasts.departmentId))
    .where(departmentIds === "all" ? undefined : inArray(broadcasts.departmentId, departmentIds))
    .orderBy(desc(broadcasts.createdAt))
    .limit(limit);
}

export async function getBroadcastById(db: Executor, { broadcastId }: { broadcastId: string }) {
  const [row] = await db.select().from(broadcasts).where(eq(broadcasts.id, broadcastId));
  return row ?? null;
}

export type DeliveryCounts = { recipients: number; delivered: number; failed: number; pending: number };

/** Recipients, and how many of them LINE accepted (sent), gave up on (failed) or are still queued. */
export async function getBroadcastDelivery(db: Executor, { broadcastId }: { broadcastId: string }): Promise<DeliveryCounts> {
  const [row] = rowsOf<{ recipients: number; delivered: number; failed: number; pending: number }>(
    await db.execute(sql`
      select (select count(*)::int from broadcast_recipients where broadcast_id = ${broadcastId}) as recipients,
             coalesce(sum(cardinality(recipients)) filter (where status = 'sent'), 0)::int as delivered,
             coalesce(sum(cardinality(recipients)) filter (where status = 'failed'), 0)::int as failed,
             coalesce(sum(cardinality(recipients)) filter (where status in ('pending', 'sending')), 0)::int as pending
        from line_outbox where cause like ${`broadcast:${broadcastId}:%`}`),
  );
  return { recipients: Number(row?.recipients ?? 0), delivered: Number(row?.delivered ?? 0), failed: Number(row?.failed ?? 0), pending: Number(row?.pending ?? 0) };
}

export async function getBroadcastLinks(db: Executor, { broadcastId }: { broadcastId: string }) {
  return db.select().from(broadcastLinks).where(eq(broadcastLinks.broadcastId, broadcastId)).orderBy(asc(broadcastLinks.url));
}

export async function getEmergencyState(db: Executor) {
  const [row] = await db.select().from(emergencyState).where(eq(emergencyState.id, 1));
  return row ?? { id: 1, active: false, normalRichMenuId: null, disasterRichMenuId: null, changedBy: null, changedAt: null };
}

/** The audit entries of one broadcast, oldest first: who composed, asked, approved, sent or cancelled it. */
export async function getBroadcastAudit(db: Executor, { broadcastId }: { broadcastId: string }) {
  return db
    .select({ id: auditLog.id, at: auditLog.at, action: auditLog.action, actorLabel: auditLog.actorLabel })
    .from(auditLog)
    .where(and(eq(auditLog.entity, "broadcast"), eq(auditLog.entityId, broadcastId)))
    .orderBy(asc(auditLog.id));
}
