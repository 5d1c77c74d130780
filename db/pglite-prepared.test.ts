import { PGlite, type Results } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withPreparedStatements, type PreparedStatementStats } from "./pglite-prepared";

let raw: PGlite;
let client: PGlite;
let stats: PreparedStatementStats;

beforeAll(async () => {
  raw = await PGlite.create("memory://");
  ({ client, stats } = withPreparedStatements(raw, { maxPrepared: 3 }));
  await raw.exec(`
    create table item (id int primary key, name text not null unique, at timestamptz, day date, tags text[], doc jsonb, big int8, ok boolean);
    insert into item values (1, '一', '2026-12-01T10:00:00+09', '2026-12-01', '{a,b}', '{"k": [1, "二"]}', 9007199254740993, true),
                            (2, 'two', null, null, null, null, null, null);`);
});

afterAll(async () => {
  await raw.close();
});

const namedStatements = async () => (await raw.query<{ name: string; statement: string }>("select name, statement from pg_prepared_statements order by name")).rows;

/** Runs a query twice through the wrapper: the first run is PGlite's own, the second by name. */
async function twice<T>(text: string, params: unknown[], options?: Parameters<PGlite["query"]>[2]): Promise<[Results<T>, Results<T>]> {
  return [await client.query<T>(text, params, options), await client.query<T>(text, params, options)];
}

describe("PGlite prepared statements", () => {
  it("prepares a statement on its second run and gives the same rows, fields and parsed values as PGlite's own query", async () => {
    const text = "select id, name, at, day, tags, doc, big, ok, $2::jsonb as echoed, $3::timestamptz as stamp from item where id >= $1 order by id";
    const params = [1, { nested: ["値", 2] }, new Date("2026-12-01T00:00:00Z")];
    const before = { ...stats };
    const [first, second] = await twice(text, params);
    const reference = await raw.query(text, params);
    expect(first.rows).toEqual(reference.rows);
    expect(second.rows).toEqual(reference.rows);
    expect(second.fields).toEqual(reference.fields);
    expect(second.rows[0]).toMatchObject({ name: "一", tags: ["a", "b"], doc: { k: [1, "二"] }, big: 9007199254740993n, ok: true, echoed: { nested: ["値", 2] } });
    expect(stats.prepared - before.prepared).toBe(1);
    expect(stats.executed - before.executed).toBe(1);
    expect((await namedStatements()).map((s) => s.statement)).toContain(text);
  });

  it("keeps Drizzle's array mode and its parsers (timestamps as text)", async () => {
    const db = drizzle(client);
    const plain = drizzle(raw);
    const query = () => db.execute(sql`select at, day from item where id = ${1}`);
    await query();
    const prepared = await query();
    expect(prepared.rows).toEqual((await plain.execute(sql`select at, day from item where id = ${1}`)).rows);
    const typed = await db.select({ n: sql<number>`count(*)::int` }).from(sql`item`).where(sql`ok = ${true}`);
    expect(await db.select({ n: sql<number>`count(*)::int` }).from(sql`item`).where(sql`ok = ${true}`)).toEqual(typed);
    expect(typed).toEqual([{ n: 1 }]);
  });

  it("reports a constraint violation with its SQLSTATE and constraint, and the session goes on", async () => {
    const text = "insert into item (id, name) values ($1, $2)";
    await client.query(text, [10, "ten"]);
    await client.query(text, [11, "eleven"]);
    const error = await client.query(text, [12, "ten"]).then(() => null, (e: unknown) => e as { code?: string; constraint?: string });
    expect(error).toMatchObject({ code: "23505", constraint: "item_name_key" });
    expect((await client.query<{ n: number }>("select count(*)::int as n from item where id = $1", [12])).rows).toEqual([{ n: 0 }]);
    await client.query(text, [12, "twelve"]);
    expect((await raw.query<{ n: number }>("select count(*)::int as n from item where id between 10 and 12")).rows).toEqual([{ n: 3 }]);
  });

  it("runs inside transactions, where an error rolls the whole transaction back", async () => {
    const text = "insert into item (id, name) values ($1, $2)";
    await client.transaction(async (tx) => {
      await tx.query(text, [20, "twenty"]);
      await tx.query(text, [21, "twenty-one"]);
    });
    const failed = client.transaction(async (tx) => {
      await tx.query(text, [22, "twenty-two"]);
      await tx.query(text, [23, "twenty"]); // duplicate name
    });
    await expect(failed).rejects.toMatchObject({ code: "23505" });
    const ids = (await raw.query<{ id: number }>("select id from item where id between 20 and 23 order by id")).rows.map((r) => r.id);
    expect(ids).toEqual([20, 21]);
  });

  it("a query outside a transaction waits for the open transaction instead of running inside it", async () => {
    const count = "select count(*)::int as n from item where id = $1";
    await client.query(count, [30]);
    await client.query(count, [30]);
    let release!: () => void;
    const holding = new Promise<void>((resolve) => (release = resolve));
    const transaction = client
      .transaction(async (tx) => {
        await tx.query("insert into item (id, name) values ($1, $2)", [30, "thirty"]);
        await holding;
        throw new Error("roll back");
      })
      .catch(() => "rolled back");
    // Issued while the transaction holds the insert: were it run inside, it would count the uncommitted row.
    const outside = client.query<{ n: number }>(count, [30]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    expect(await transaction).toBe("rolled back");
    expect((await outside).rows).toEqual([{ n: 0 }]);
  });

  it("keeps at most the configured number of statements prepared, closing the least recently used", async () => {
    const evictedBefore = stats.evicted;
    for (const n of [1, 2, 3, 4, 5]) {
      const text = `select ${n} + $1::int as v`;
      await client.query(text, [n]);
      expect((await client.query<{ v: number }>(text, [n])).rows).toEqual([{ v: 2 * n }]);
    }
    await client.query("select 5 + $1::int as v", [5]); // a prepared run sends the pending Close messages
    expect(stats.evicted - evictedBefore).toBeGreaterThanOrEqual(2);
    expect((await namedStatements()).length).toBeLessThanOrEqual(3);
  });

  it("prepares a statement anew when a schema change made its plan stale", async () => {
    const text = "select * from item where id = $1";
    await client.query(text, [1]);
    await client.query(text, [1]);
    await raw.exec("alter table item add column note text");
    const after = await client.query<Record<string, unknown>>(text, [1]);
    expect(after.rows[0]).toHaveProperty("note", null);
    expect(after.fields.map((f) => f.name)).toContain("note");
  });
});
