import { randomBytes } from "node:crypto";
import { getDb, type Executor } from "@/db";
import { residents } from "@/db/schema/residents";
import { topics } from "@/db/schema/segments";
import { uniqueSuffix } from "@/lib/testing/factories";

/** Test helper: residents who follow the account (or blocked it), with a language. */
export async function createFollowers(count: number, options: { blocked?: boolean; locale?: string | null; db?: Executor } = {}) {
  const db = options.db ?? (await getDb());
  const values = Array.from({ length: count }, () => ({
    lineUserId: `U${randomBytes(16).toString("hex")}`,
    following: !options.blocked,
    followedAt: new Date(),
    blockedAt: options.blocked ? new Date() : null,
    locale: options.locale ?? null,
  }));
  const rows = [];
  for (let i = 0; i < values.length; i += 1000) rows.push(...(await db.insert(residents).values(values.slice(i, i + 1000)).returning()));
  return rows;
}

export async function createTopicRow(departmentId: string, options: { defaultOn?: boolean; name?: string; active?: boolean; db?: Executor } = {}) {
  const db = options.db ?? (await getDb());
  const [row] = await db
    .insert(topics)
    .values({ departmentId, name: options.name ?? `トピック${uniqueSuffix()}`, description: "テスト用のお知らせ", defaultOn: options.defaultOn ?? false, active: options.active ?? true })
    .returning();
  return row!;
}
