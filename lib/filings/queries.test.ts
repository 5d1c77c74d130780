import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { filings } from "@/db/schema/filings";
import { createDepartment } from "@/lib/testing/factories";
import { createHousehold, createProgram } from "@/lib/testing/program-factories";
import { submitFiling } from "./core";
import { getFilingQueuePage, type QueueParams } from "./queries";
import { encodeQueueCursor, queueParamsSchema } from "./validations";

async function programWithFilings(count: number) {
  const program = await createProgram({ departmentId: (await createDepartment()).id });
  const db = await getDb();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const household = await createHousehold({ programId: program.id });
    const filing = await db.transaction((tx) =>
      submitFiling(tx, { program, household, representativeMemberId: household.members[0]!.id, channel: i % 2 ? "line" : "counter" }),
    );
    // Two filings share each timestamp, so the id breaks ties in the keyset.
    await db.update(filings).set({ submittedAt: new Date(Date.UTC(2026, 10, 20, 3, Math.floor(i / 2))) }).where(eq(filings.id, filing.id));
    ids.push(filing.id);
  }
  return { program, ids };
}

async function walk(params: QueueParams) {
  const db = await getDb();
  const seen: string[] = [];
  let cursor: QueueParams["cursor"];
  for (let page = 0; page < 20; page++) {
    const result = await getFilingQueuePage(db, { ...params, cursor });
    seen.push(...result.rows.map((r) => r.id));
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return seen;
}

describe("review queue keyset pagination", () => {
  it("walks every filing exactly once in both directions, ties broken by id", async () => {
    const { program, ids } = await programWithFilings(9);
    const ascending = await walk({ programId: program.id, dir: "asc", limit: 4 });
    const descending = await walk({ programId: program.id, dir: "desc", limit: 4 });
    expect(new Set(ascending).size).toBe(9);
    expect([...ascending].sort()).toEqual([...ids].sort());
    expect(descending).toEqual([...ascending].reverse());
  });

  it("filings made within one millisecond (as the database clock writes them) are each seen once", async () => {
    const { program, ids } = await programWithFilings(9);
    const db = await getDb();
    // Microseconds apart, as now() stamps filings under load; the cursor travels as a millisecond Date.
    for (const [index, id] of ids.entries()) {
      await db.update(filings).set({ submittedAt: sql`timestamptz '2026-11-20 10:00:00.123400+09' + ${index} * interval '1 microsecond'` }).where(eq(filings.id, id));
    }
    const ascending = await walk({ programId: program.id, dir: "asc", limit: 4 });
    const descending = await walk({ programId: program.id, dir: "desc", limit: 4 });
    expect([...ascending].sort()).toEqual([...ids].sort());
    expect([...descending].sort()).toEqual([...ids].sort());
  });

  it("goes back page by page (前へ) to exactly the pages it came through, in both orders", async () => {
    const { program } = await programWithFilings(9);
    const db = await getDb();
    for (const dir of ["asc", "desc"] as const) {
      const params: QueueParams = { programId: program.id, dir, limit: 4 };
      const forward = [await getFilingQueuePage(db, params)];
      expect(forward[0]!.previousCursor).toBeNull();
      while (forward.at(-1)!.nextCursor) forward.push(await getFilingQueuePage(db, { ...params, cursor: forward.at(-1)!.nextCursor! }));
      expect(forward.map((page) => page.rows.length)).toEqual([4, 4, 1]);
      let page = forward.at(-1)!;
      for (let index = forward.length - 2; index >= 0; index--) {
        // Through the URL, as the 前へ button sends it.
        const cursor = queueParamsSchema.parse({ programId: program.id, cursor: encodeQueueCursor(page.previousCursor!) }).cursor;
        page = await getFilingQueuePage(db, { ...params, cursor });
        expect(page.rows.map((r) => r.id)).toEqual(forward[index]!.rows.map((r) => r.id));
        expect(page.nextCursor).not.toBeNull();
      }
      // Back on the first page: nothing before it.
      expect(page.previousCursor).toBeNull();
    }
  });

  it("filters by channel and finds by receipt number", async () => {
    const { program } = await programWithFilings(6);
    const line = await walk({ programId: program.id, dir: "asc", limit: 2, channel: "line" });
    expect(line).toHaveLength(3);
    const db = await getDb();
    const [one] = await db.select().from(filings).where(eq(filings.programId, program.id)).limit(1);
    const found = await getFilingQueuePage(db, { programId: program.id, dir: "asc", limit: 50, q: one!.receiptNumber.toLowerCase() });
    expect(found.rows.map((r) => r.id)).toEqual([one!.id]);
  });
});
