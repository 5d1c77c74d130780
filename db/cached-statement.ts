import "server-only";
import { sql, type Placeholder, type Query, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Executor } from "@/db";

const dialect = new PgDialect();

export type PlaceholderOf<Name extends string> = (name: Name) => Placeholder<Name>;

/** The placeholder every cached statement's text is written with (also for SQL shared into one, e.g. a CTE). */
export const placeholder = <Name extends string>(name: Name): Placeholder<Name> => sql.placeholder(name);

/**
 * A statement on a hot path whose SQL text is built once: `build` writes it with `p(name)` placeholders, and each
 * run only fills them in and hands text and parameters to the driver (as executing a built query does; the
 * drivers then run it prepared). Drizzle otherwise walks the whole `sql` template on every call, about a tenth of
 * a millisecond for the filing's two statements. Values go to the driver as they are: cast them in the text.
 */
export function cachedStatement<Name extends string>(build: (p: PlaceholderOf<Name>) => SQL) {
  let query: Query | undefined;
  return (db: Executor, values: Record<Name, unknown>): Promise<unknown> => {
    query ??= dialect.sqlToQuery(build(placeholder));
    return db._.session.prepareQuery(query, undefined, undefined, false).execute(values);
  };
}

/** One cached statement per shape (which optional parts the text has), built on the shape's first use. */
export function cachedStatementsByShape<Shape, Name extends string>(key: (shape: Shape) => string, build: (shape: Shape, p: PlaceholderOf<Name>) => SQL) {
  const byShape = new Map<string, ReturnType<typeof cachedStatement<Name>>>();
  return (db: Executor, shape: Shape, values: Record<Name, unknown>): Promise<unknown> => {
    const name = key(shape);
    let statement = byShape.get(name);
    if (!statement) byShape.set(name, (statement = cachedStatement<Name>((p) => build(shape, p))));
    return statement(db, values);
  };
}
