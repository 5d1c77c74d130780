import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { rowsOf } from "@/db/rows";
import { uniqueSuffix } from "@/lib/testing/factories";
import { cachedStatement, cachedStatementsByShape } from "./cached-statement";

const table = `cached_statement_${uniqueSuffix().replace(/[^a-z0-9]/giu, "")}`.toLowerCase();

beforeAll(async () => {
  await (await getDb()).execute(sql.raw(`create table ${table} (id int primary key, name text not null, doc jsonb)`));
});

const names = async () => rowsOf<{ id: number; name: string }>(await (await getDb()).execute(sql.raw(`select id, name from ${table} order by id`)));

describe("cachedStatement", () => {
  let builds = 0;
  const insert = cachedStatement<"id" | "name" | "doc">((p) => {
    builds++;
    return sql`insert into ${sql.raw(table)} (id, name, doc) values (${p("id")}::int, ${p("name")}::text, ${p("doc")}::jsonb) returning id, name, doc`;
  });

  it("builds the text once and fills the placeholders on every run, with the values' types as cast", async () => {
    const db = await getDb();
    const first = rowsOf<{ id: number; name: string; doc: unknown }>(await insert(db, { id: 1, name: "一", doc: JSON.stringify({ k: [1, "二"] }) }));
    const second = rowsOf<{ id: number; name: string; doc: unknown }>(await insert(db, { id: 2, name: "two", doc: null }));
    expect(first).toEqual([{ id: 1, name: "一", doc: { k: [1, "二"] } }]);
    expect(second).toEqual([{ id: 2, name: "two", doc: null }]);
    expect(builds).toBe(1);
  });

  it("runs inside a transaction, on its connection, and rolls back with it", async () => {
    const db = await getDb();
    await expect(
      db.transaction(async (tx) => {
        await insert(tx, { id: 3, name: "three", doc: null });
        const inside = rowsOf<{ id: number }>(await tx.execute(sql.raw(`select id from ${table} where id = 3`)));
        expect(inside).toEqual([{ id: 3 }]);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect((await names()).map((row) => row.id)).toEqual([1, 2]);
  });

  it("refuses a run that leaves a placeholder without a value, and writes nothing", async () => {
    await expect(insert(await getDb(), { id: 4, name: "four" } as never)).rejects.toThrow(/placeholder "doc"/u);
    expect((await names()).map((row) => row.id)).toEqual([1, 2]);
  });
});

describe("cachedStatementsByShape", () => {
  it("builds each shape's text once, and runs each shape's own text", async () => {
    const built: string[] = [];
    const read = cachedStatementsByShape<{ upper: boolean }, "id">(
      (shape) => (shape.upper ? "upper" : "plain"),
      (shape, p) => {
        built.push(shape.upper ? "upper" : "plain");
        return sql`select ${shape.upper ? sql`upper(name)` : sql`name`} as name from ${sql.raw(table)} where id = ${p("id")}::int`;
      },
    );
    const db = await getDb();
    const runs = [
      await read(db, { upper: false }, { id: 2 }),
      await read(db, { upper: true }, { id: 2 }),
      await read(db, { upper: true }, { id: 1 }),
      await read(db, { upper: false }, { id: 1 }),
    ].map((result) => rowsOf<{ name: string }>(result)[0]?.name);
    expect(runs).toEqual(["two", "TWO", "一", "一"]);
    expect(built).toEqual(["plain", "upper"]);
  });
});
