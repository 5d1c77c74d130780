import { eq, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { residents, type Resident } from "@/db/schema/residents";
import { LINE_USER_ID } from "@/lib/line/ids";

/**
 * Creates or updates the resident keyed by a LINE user ID that LINE vouched for (verified ID token `sub`, or the
 * source of a signature-checked webhook). Never call it with an ID a client merely claimed.
 */
export async function upsertResidentByLineUserId(
  tx: Executor,
  input: { lineUserId: string; displayName?: string | null; signedIn?: boolean },
): Promise<{ resident: Resident; created: boolean }> {
  if (!LINE_USER_ID.test(input.lineUserId)) throw new Error("not a LINE user ID");
  const [existing] = await tx.select().from(residents).where(eq(residents.lineUserId, input.lineUserId)).for("update");
  if (existing) {
    const [updated] = await tx
      .update(residents)
      .set({
        displayName: input.displayName ?? existing.displayName,
        lastSignInAt: input.signedIn ? sql`now()` : existing.lastSignInAt,
        updatedAt: sql`now()`,
      })
      .where(eq(residents.id, existing.id))
      .returning();
    return { resident: updated!, created: false };
  }
  const [created] = await tx
    .insert(residents)
    .values({ lineUserId: input.lineUserId, displayName: input.displayName ?? null, lastSignInAt: input.signedIn ? sql`now()` : null })
    .onConflictDoUpdate({ target: residents.lineUserId, set: { updatedAt: sql`now()` } })
    .returning();
  return { resident: created!, created: true };
}

export async function getResidentById(db: Executor, id: string): Promise<Resident | null> {
  const [row] = await db.select().from(residents).where(eq(residents.id, id));
  return row ?? null;
}
