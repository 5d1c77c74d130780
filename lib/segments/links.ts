import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db";
import { broadcastLinks } from "@/db/schema/segments";

const linkIdSchema = z.uuid();

/** Adds one click and returns where the link goes; null for an unknown or malformed id. */
export async function countLinkClick(db: Executor, { linkId }: { linkId: string }): Promise<string | null> {
  if (!linkIdSchema.safeParse(linkId).success) return null;
  const [row] = await db
    .update(broadcastLinks)
    .set({ clicks: sql`${broadcastLinks.clicks} + 1` })
    .where(eq(broadcastLinks.id, linkId))
    .returning({ url: broadcastLinks.url });
  return row?.url ?? null;
}
