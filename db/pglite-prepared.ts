import { parse, protocol, type PGlite, type QueryOptions, type Results, type Transaction } from "@electric-sql/pglite";

/**
 * Named prepared statements for PGlite. Its `query` parses, plans and describes every statement anew in six calls
 * into the WASM backend; a statement run a second time is prepared once (Parse and Describe under a name) and from
 * then on runs as one Bind, Describe, Execute, Sync message. Drizzle's PGlite driver calls only `query` (and
 * `transaction`, whose `query` is wrapped too), so every Drizzle query takes this path.
 */
export type PreparedStatementStats = { prepared: number; executed: number; evicted: number };

type Prepared = { name: string; parameterTypes: number[] };

/** Statements kept prepared at once; the least recently used is closed beyond this (a statement holds its plan). */
const MAX_PREPARED = 500;
/** Statements run once so far, remembered to prepare on their second run (bounded: bulk inserts vary in text). */
const MAX_SEEN_ONCE = 2000;
/** Errors that mean a named statement went stale or missing (a DDL changed its result, DISCARD ALL dropped it). */
const STALE_STATEMENT = new Set(["0A000", "26000"]);

const { serialize } = protocol;

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function withPreparedStatements(pg: PGlite, limits: { maxPrepared?: number; maxSeenOnce?: number } = {}): { client: PGlite; stats: PreparedStatementStats } {
  const maxPrepared = limits.maxPrepared ?? MAX_PREPARED;
  const maxSeenOnce = limits.maxSeenOnce ?? MAX_SEEN_ONCE;
  const prepared = new Map<string, Prepared>(); // insertion order = least recently used first
  const seenOnce = new Set<string>();
  const toClose: string[] = [];
  const stats: PreparedStatementStats = { prepared: 0, executed: 0, evicted: 0 };
  let counter = 0;

  function remember(text: string, statement: Prepared): void {
    prepared.set(text, statement);
    while (prepared.size > maxPrepared) {
      const [oldest, entry] = prepared.entries().next().value as [string, Prepared];
      prepared.delete(oldest);
      toClose.push(entry.name);
      stats.evicted++;
    }
  }

  function serializeValues(values: unknown[], types: number[], options?: QueryOptions): (string | null)[] {
    // The same mapping as PGlite's own query: the parameter's described type picks the serializer.
    return values.map((value, index) => {
      if (value === null || value === undefined) return null;
      const type = types[index]!;
      const serializer = options?.serializers?.[type] ?? pg.serializers[type];
      return serializer ? serializer(value) : String(value);
    });
  }

  /** Runs under the caller's lock: the backend is one session, so nothing else may interleave. */
  async function run<T>(text: string, params: unknown[], options: QueryOptions | undefined, { retryStale }: { retryStale: boolean }): Promise<Results<T>> {
    let statement = prepared.get(text);
    const parts: Uint8Array[] = toClose.splice(0).map((name) => serialize.close({ type: "S", name }));
    if (!statement) {
      const name = `yakuba_${++counter}`;
      parts.push(serialize.parse({ name, text }), serialize.describe({ type: "S", name }), serialize.sync());
      const described = await pg.execProtocolStream(concat(parts), { syncToFs: false });
      parts.length = 0;
      statement = { name, parameterTypes: parse.parseDescribeStatementResults(described) };
      remember(text, statement);
      stats.prepared++;
    } else {
      prepared.delete(text); // move to the most recently used end
      prepared.set(text, statement);
    }
    parts.push(
      serialize.bind({ statement: statement.name, values: serializeValues(params, statement.parameterTypes, options) }),
      serialize.describe({ type: "P" }),
      serialize.execute({}),
      serialize.sync(),
    );
    try {
      const messages = await pg.execProtocolStream(concat(parts), { syncToFs: false });
      stats.executed++;
      return parse.parseResults(messages, pg.parsers, options)[0] as Results<T>;
    } catch (error) {
      if (STALE_STATEMENT.has((error as { code?: string }).code ?? "")) {
        prepared.delete(text);
        toClose.push(statement.name);
        // Outside a transaction nothing ran: prepare it anew. Inside one, the error has aborted it, as PGlite's would.
        if (retryStale) return run<T>(text, params, options, { retryStale: false });
      }
      throw Object.assign(error as object, { query: text, params });
    }
  }

  /** A statement seen for the first time runs PGlite's own way; only a repeated one is worth a name and a plan. */
  function shouldPrepare(text: string): boolean {
    if (prepared.has(text)) return true;
    if (seenOnce.has(text)) {
      seenOnce.delete(text);
      return true;
    }
    if (seenOnce.size >= maxSeenOnce) seenOnce.clear();
    seenOnce.add(text);
    return false;
  }

  function preparable(text: string, options: QueryOptions | undefined): boolean {
    // Explicit parameter types would be part of the statement's identity; blobs need PGlite's own /dev/blob handling.
    return !options?.paramTypes && !options?.blob && shouldPrepare(text);
  }

  function wrapTransaction(tx: Transaction): Transaction {
    return new Proxy(tx, {
      get(target, property, receiver) {
        if (property !== "query") return Reflect.get(target, property, receiver) as unknown;
        return <T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> => {
          if (target.closed) throw new Error("Transaction is closed");
          if (!preparable(text, options)) return target.query<T>(text, params, options);
          // The transaction's lock is held by the caller's callback; the query lock keeps listeners out.
          return pg._runExclusiveQuery(() => run<T>(text, params ?? [], options, { retryStale: false }));
        };
      },
    });
  }

  const client = new Proxy(pg, {
    get(target, property, receiver) {
      if (property === "query") {
        return async <T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> => {
          if (!preparable(text, options)) return target.query<T>(text, params, options);
          // Outside a transaction: wait for any open transaction to finish, as PGlite's own query does.
          const result = await target._runExclusiveTransaction(() => target._runExclusiveQuery(() => run<T>(text, params ?? [], options, { retryStale: true })));
          await target.syncToFs();
          return result;
        };
      }
      if (property === "transaction") {
        return <T>(callback: (tx: Transaction) => Promise<T>) => target.transaction((tx) => callback(wrapTransaction(tx)));
      }
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { client, stats };
}
