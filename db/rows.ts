import { getTableColumns, sql, type SQL, type Table } from "drizzle-orm";
/** Rows of a raw `db.execute(sql…)`: postgres.js returns an array, PGlite an object with `rows`. */
export function rowsOf<T = Record<string, unknown>>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []);
}

/**
 * A table's row read back from JSON (`to_jsonb(t)` in a statement that returns several things at once): keys by
 * column name, values through each column's own driver mapping (timestamps become Dates); JSON columns as they are.
 */
export function rowFromJson<T extends Table>(table: T, json: Record<string, unknown>): T["$inferSelect"] {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = json[column.name];
    row[key] = value === null || value === undefined ? null : column.columnType === "PgJsonb" || column.columnType === "PgJson" ? value : column.mapFromDriverValue(value);
  }
  return row as T["$inferSelect"];
}

/** A row of `alias` as a JSON object keyed like the Drizzle row (camelCase), e.g. for an audit entry's `after`. */
export function jsonObjectOf(table: Table, alias: string): SQL {
  const pairs = Object.entries(getTableColumns(table)).map(([key, column]) => `'${key}', ${alias}."${column.name}"`);
  return sql.raw(`jsonb_build_object(${pairs.join(", ")})`);
}
