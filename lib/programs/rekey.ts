import "server-only";
import { asc, eq, gt } from "drizzle-orm";
import type { Database } from "@/db";
import { jpkiVerifications } from "@/db/schema/jpki";
import { householdMembers, households } from "@/db/schema/programs";
import { addressKey, kanaKey, nameKey, type TownProfile } from "@/lib/matching/normalize";

export interface RekeyCount {
  scanned: number;
  updated: number;
}

export interface RekeyResult {
  households: RekeyCount;
  members: RekeyCount;
  verifications: RekeyCount;
}

type Log = (line: string) => void;

/**
 * Walks a table by id in batches; each batch is read FOR UPDATE and rewritten in its own transaction, so a roster
 * import running alongside never has its fresh keys overwritten from a stale read. Only changed rows are written.
 */
async function rekeyTable<Row extends { id: string }>(
  db: Database,
  label: string,
  batchSize: number,
  log: Log,
  step: (tx: Parameters<Parameters<Database["transaction"]>[0]>[0], after: string | null) => Promise<{ rows: Row[]; updated: number }>,
): Promise<RekeyCount> {
  const count: RekeyCount = { scanned: 0, updated: 0 };
  let after: string | null = null;
  for (;;) {
    const { rows, updated } = await db.transaction((tx) => step(tx, after));
    if (rows.length === 0) break;
    count.scanned += rows.length;
    count.updated += updated;
    after = rows[rows.length - 1]!.id;
    log(`[rekey] ${label}: scanned=${count.scanned} updated=${count.updated}`);
    if (rows.length < batchSize) break;
  }
  return count;
}

/**
 * Recomputes every stored matching key (households' address keys, members' name and kana keys, verified
 * identities' name keys) with the current lib/matching rules. Idempotent: a second run updates nothing.
 */
export async function rekeyStoredKeys(
  db: Database,
  { town, batchSize = 1000, log = () => {} }: { town: TownProfile; batchSize?: number; log?: Log },
): Promise<RekeyResult> {
  const householdCount = await rekeyTable(db, "households", batchSize, log, async (tx, after) => {
    const rows = await tx
      .select({ id: households.id, address: households.address, key: households.addressKey })
      .from(households)
      .where(after ? gt(households.id, after) : undefined)
      .orderBy(asc(households.id))
      .limit(batchSize)
      .for("update");
    let updated = 0;
    for (const row of rows) {
      const key = addressKey(row.address, town);
      if (key === row.key) continue;
      await tx.update(households).set({ addressKey: key }).where(eq(households.id, row.id));
      updated++;
    }
    return { rows, updated };
  });
  const memberCount = await rekeyTable(db, "household_members", batchSize, log, async (tx, after) => {
    const rows = await tx
      .select({ id: householdMembers.id, name: householdMembers.name, kana: householdMembers.nameKana, nameKey: householdMembers.nameKey, kanaKey: householdMembers.kanaKey })
      .from(householdMembers)
      .where(after ? gt(householdMembers.id, after) : undefined)
      .orderBy(asc(householdMembers.id))
      .limit(batchSize)
      .for("update");
    let updated = 0;
    for (const row of rows) {
      const keys = { nameKey: nameKey(row.name), kanaKey: kanaKey(row.kana) };
      if (keys.nameKey === row.nameKey && keys.kanaKey === row.kanaKey) continue;
      await tx.update(householdMembers).set(keys).where(eq(householdMembers.id, row.id));
      updated++;
    }
    return { rows, updated };
  });
  const verificationCount = await rekeyTable(db, "jpki_verifications", batchSize, log, async (tx, after) => {
    const rows = await tx
      .select({ id: jpkiVerifications.id, name: jpkiVerifications.name, key: jpkiVerifications.nameKey })
      .from(jpkiVerifications)
      .where(after ? gt(jpkiVerifications.id, after) : undefined)
      .orderBy(asc(jpkiVerifications.id))
      .limit(batchSize)
      .for("update");
    let updated = 0;
    for (const row of rows) {
      const key = nameKey(row.name);
      if (key === row.key) continue;
      await tx.update(jpkiVerifications).set({ nameKey: key }).where(eq(jpkiVerifications.id, row.id));
      updated++;
    }
    return { rows, updated };
  });
  return { households: householdCount, members: memberCount, verifications: verificationCount };
}
