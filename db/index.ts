import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { getConfig } from "@/lib/config/env";
import * as schema from "./schema";

type Schema = typeof schema;
/** The one database type the app codes against: postgres.js and PGlite both satisfy it. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or an open transaction: queries accept both so they compose inside a guard. */
export type Executor = Database | Transaction;

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

export type DatabaseHandle = {
  db: Database;
  driver: "postgres" | "pglite";
  close: () => Promise<void>;
};

/** Opens a database and brings it to the latest migration. */
export async function openDatabase(options: {
  databaseUrl?: string;
  pgliteDataDir?: string;
  poolMax?: number;
}): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const client = postgres(options.databaseUrl, { max: options.poolMax ?? 10, onnotice: () => {} });
    const db = drizzlePostgres(client, { schema });
    await migratePostgres(db, { migrationsFolder: MIGRATIONS_FOLDER });
    return { db: db as unknown as Database, driver: "postgres", close: () => client.end({ timeout: 5 }) };
  }
  const dataDir = options.pgliteDataDir ?? "memory://";
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir);
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return { db: db as unknown as Database, driver: "pglite", close: () => client.close() };
}

// One handle per process, kept on globalThis so dev hot reloads never open the PGlite directory twice.
const globalForDb = globalThis as unknown as { yakubaDb?: Promise<DatabaseHandle> };

export function getDatabaseHandle(): Promise<DatabaseHandle> {
  if (!globalForDb.yakubaDb) {
    const config = getConfig();
    globalForDb.yakubaDb = openDatabase({
      databaseUrl: config.DATABASE_URL,
      pgliteDataDir: config.PGLITE_DATA_DIR,
      poolMax: config.DATABASE_POOL_MAX,
    }).catch((error: unknown) => {
      globalForDb.yakubaDb = undefined;
      throw error;
    });
  }
  return globalForDb.yakubaDb;
}

export async function getDb(): Promise<Database> {
  return (await getDatabaseHandle()).db;
}

/** Tests install their own database (fresh PGlite or a per-run PostgreSQL database). */
export function setDatabaseHandleForTests(handle: DatabaseHandle | undefined): void {
  globalForDb.yakubaDb = handle ? Promise.resolve(handle) : undefined;
}

export async function closeDatabase(): Promise<void> {
  const handle = globalForDb.yakubaDb;
  globalForDb.yakubaDb = undefined;
  if (handle) await (await handle).close();
}

export { schema };
