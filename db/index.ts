import "server-only";
import { mkdirSync } from "node:fs";
import net from "node:net";
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
import { withPreparedStatements as withPgliteStatements, type PreparedStatementStats } from "./pglite-prepared";
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
  /** PGlite only: how many statements were prepared and run by name (db/pglite-prepared.ts). */
  preparedStatements?: PreparedStatementStats;
};

type PgClient = postgres.Sql;

/**
 * Drizzle runs postgres.js queries with `prepare: false`, and postgres.js then sends every parameterised query
 * twice (a Describe to learn the parameter types, then the execution): two round trips each. With `prepare: true`
 * a statement is described once per connection and afterwards runs in one round trip.
 */
function withPreparedStatements(client: PgClient): PgClient {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property === "unsafe") {
        return (query: string, args?: postgres.ParameterOrJSON<never>[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, args, { ...options, prepare: true });
      }
      if ((property === "begin" || property === "savepoint") && typeof value === "function") {
        // The transaction's own client (and a savepoint's) is a new instance: wrap it too.
        return (...args: unknown[]) => {
          const work = args.pop() as (inner: PgClient) => unknown;
          return (value as (...a: unknown[]) => unknown).call(target, ...args, (inner: PgClient) => work(withPreparedStatements(inner)));
        };
      }
      return value;
    },
  });
}

/**
 * Database round trips asked for by this process, read from the protocol messages each connection writes: every
 * Sync (end of an extended-protocol query), Flush (postgres.js's Describe-first step, which waits for the reply
 * before executing) and simple Query makes the client wait for the server once. Pipelining on a busy connection
 * can overlap them on the wire, but each is still a wait its caller pays. Off unless asked for (tests, and the
 * filing benchmark through DB_COUNT_ROUNDTRIPS).
 */
const roundTripState = globalThis as unknown as { yakubaRoundTrips?: { count: number } };

export function databaseRoundTrips(): number {
  return roundTripState.yakubaRoundTrips?.count ?? 0;
}

const WAITING_MESSAGES = new Set([0x53 /* S: Sync */, 0x48 /* H: Flush */, 0x51 /* Q: Query */]);

function countingSocket(options: { host: string[]; port: number[]; path?: string | false }): Promise<net.Socket> {
  const counter = (roundTripState.yakubaRoundTrips ??= { count: 0 });
  return new Promise((resolve, reject) => {
    const socket = options.path ? net.connect(options.path) : net.connect(options.port[0]!, options.host[0]!);
    // The startup message (and an SSL request) have no type byte; every later message is type + int32 length.
    let untyped = true;
    let carry: Buffer = Buffer.alloc(0);
    const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
    socket.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (Buffer.isBuffer(chunk)) {
        const data: Buffer = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
        let offset = 0;
        for (;;) {
          const header = untyped ? 4 : 5;
          if (data.length - offset < header) break;
          const length = data.readInt32BE(offset + (untyped ? 0 : 1)) + (untyped ? 0 : 1);
          if (data.length - offset < length) break;
          if (untyped) untyped = data.readInt32BE(offset + 4) === 80877103; // SSLRequest: the startup message follows
          else if (WAITING_MESSAGES.has(data[offset]!)) counter.count++;
          offset += length;
        }
        carry = data.subarray(offset);
      }
      return write(chunk, ...rest);
    }) as typeof socket.write;
    socket.once("connect", () => {
      socket.removeListener("error", reject);
      resolve(socket);
    });
    socket.once("error", reject);
  });
}

let roundTripReportInstalled = false;

/** For the benchmark: SIGUSR2 prints the count on stdout, which the benchmark reads. */
function installRoundTripReport(): void {
  if (roundTripReportInstalled) return;
  roundTripReportInstalled = true;
  process.on("SIGUSR2", () => process.stdout.write(`db_roundtrips=${databaseRoundTrips()}\n`));
}

/** Opens a database and brings it to the latest migration. */
export async function openDatabase(options: {
  databaseUrl?: string;
  pgliteDataDir?: string;
  poolMax?: number;
  /** Count protocol round trips on every connection (see databaseRoundTrips). */
  countRoundTrips?: boolean;
  /** PGlite: run repeated statements by name (default); off only to measure the difference (bench:pglite). */
  pglitePreparedStatements?: boolean;
}): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const client = postgres(options.databaseUrl, {
      max: options.poolMax ?? 10,
      onnotice: () => {},
      ...(options.countRoundTrips ? { socket: countingSocket as never } : {}),
    });
    const db = drizzlePostgres(withPreparedStatements(client), { schema });
    await migratePostgres(db, { migrationsFolder: MIGRATIONS_FOLDER });
    return { db: db as unknown as Database, driver: "postgres", close: () => client.end({ timeout: 5 }) };
  }
  const dataDir = options.pgliteDataDir ?? "memory://";
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir);
  const prepared = options.pglitePreparedStatements === false ? null : withPgliteStatements(client);
  const db = drizzlePglite(prepared?.client ?? client, { schema });
  await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return { db: db as unknown as Database, driver: "pglite", close: () => client.close(), ...(prepared ? { preparedStatements: prepared.stats } : {}) };
}

// One handle per process, kept on globalThis so dev hot reloads never open the PGlite directory twice.
const globalForDb = globalThis as unknown as { yakubaDb?: Promise<DatabaseHandle> };

export function getDatabaseHandle(): Promise<DatabaseHandle> {
  if (!globalForDb.yakubaDb) {
    const config = getConfig();
    if (config.DB_COUNT_ROUNDTRIPS) installRoundTripReport();
    globalForDb.yakubaDb = openDatabase({
      databaseUrl: config.DATABASE_URL,
      pgliteDataDir: config.PGLITE_DATA_DIR,
      poolMax: config.DATABASE_POOL_MAX,
      countRoundTrips: config.DB_COUNT_ROUNDTRIPS,
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
