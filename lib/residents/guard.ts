import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Database, Transaction } from "@/db";
import type { AuditDraft, StatementAudit } from "@/lib/audit/log";
import { runAuditedTransaction, runStatementWork, zodFieldErrors, type GuardResult } from "@/lib/auth/guard";
import { residentFailure } from "./errors";

export type ResidentActor = { id: string; lineUserId: string; displayName: string | null; /** The stored language (LINE messages follow it); absent: read when needed. */ locale?: string | null };
export type ResidentGuardContext = { resident: ResidentActor | null; requestId: string | null };

export type ResidentGuardSpec<S extends z.ZodType, T> = {
  /** Audit action name, e.g. "jpki.start". */
  action: string;
  schema: S;
  /** Does the work for this resident only; returns the result and the audit entries that record it. */
  run: (args: { data: z.infer<S>; tx: Transaction; resident: ResidentActor }) => Promise<{ result: T; audit: AuditDraft | AuditDraft[] }>;
};

export function defineResidentOperation<S extends z.ZodType, T>(spec: ResidentGuardSpec<S, T>): ResidentGuardSpec<S, T> {
  return spec;
}

export type { StatementAudit };

/**
 * The hot-path shape: no open transaction. Each statement is atomic on its own, and the statement that makes
 * the change also writes its audit entry (built from `audit`), so no connection is held between round trips.
 * A thrown GuardError carrying an audit draft is recorded afterwards, as in the transaction shape.
 */
export type ResidentStatementSpec<S extends z.ZodType, T> = {
  action: string;
  schema: S;
  runStatements: (args: { data: z.infer<S>; db: Database; resident: ResidentActor; audit: StatementAudit }) => Promise<T>;
};

/**
 * The session's check carried by an operation's first statement, so the hottest path (the LINE filing) saves the
 * round trip of loading the resident first. `cte` and `columns` go into that statement; `confirm` takes its row
 * and refuses (401, 429) before the operation writes anything. With a resident already loaded both are empty.
 */
export type ResidentSession = {
  /** From the verified session token: the statement may use it, the session's resident row is not read yet. */
  residentId: string;
  /**
   * The check to carry, null when the resident is loaded already: `cte` (`name as (…),` CTEs to open the statement
   * with) and `columns` (`, … as session_…` select-list items to close it with) are placeholder SQL whose text
   * never changes for one `key` (a statement built once caches them by it); `values` fill the placeholders.
   */
  check: { key: string; cte: SQL; columns: SQL; values: Record<string, unknown> } | null;
  confirm: (row: Record<string, unknown> | undefined) => { resident: ResidentActor; audit: StatementAudit };
};

/** A statement-shaped operation whose first statement carries the session's check (see ResidentSession). */
export type ResidentSessionStatementSpec<S extends z.ZodType, T> = {
  action: string;
  schema: S;
  runSessionStatements: (args: { data: z.infer<S>; db: Database; session: ResidentSession }) => Promise<T>;
};

export function defineResidentSessionStatementOperation<S extends z.ZodType, T>(spec: ResidentSessionStatementSpec<S, T>): ResidentSessionStatementSpec<S, T> {
  return spec;
}

export type ResidentOperation<S extends z.ZodType, T> = ResidentGuardSpec<S, T> | ResidentStatementSpec<S, T> | ResidentSessionStatementSpec<S, T>;

/**
 * Runs a session-statement operation: `session` is either the deferred check (runAsCurrentResident) or a resident
 * already loaded. The operation must confirm the session; one that never does is a programming error.
 */
export async function runSessionStatements<S extends z.ZodType, T>(
  spec: ResidentSessionStatementSpec<S, T>,
  args: { data: z.infer<S>; session: ResidentSession; context: StatementAudit },
): Promise<GuardResult<T>> {
  let confirmed = false;
  const session: ResidentSession = {
    ...args.session,
    confirm: (row) => {
      const outcome = args.session.confirm(row);
      confirmed = true;
      // A refusal after this point is recorded under the resident's own label.
      args.context.actor = outcome.audit.actor;
      return outcome;
    },
  };
  return runStatementWork(args.context, async (db) => {
    const result = await spec.runSessionStatements({ data: args.data, db, session });
    if (!confirmed) throw new Error(`${spec.action} ran without confirming the session`);
    return result;
  });
}

function loadedSession(resident: ResidentActor, audit: StatementAudit): ResidentSession {
  return { residentId: resident.id, check: null, confirm: () => ({ resident, audit }) };
}

export function defineResidentStatementOperation<S extends z.ZodType, T>(spec: ResidentStatementSpec<S, T>): ResidentStatementSpec<S, T> {
  return spec;
}

function runStatements<S extends z.ZodType, T>(
  spec: ResidentStatementSpec<S, T>,
  args: { data: z.infer<S>; resident: ResidentActor; audit: StatementAudit },
): Promise<GuardResult<T>> {
  return runStatementWork(args.audit, (db) => spec.runStatements({ ...args, db }));
}

/**
 * The door for every resident write and personal-data read, shaped like the staff guard:
 * session → zod parse → transaction { work → audit entry (actor_type 'resident') }. Nothing is written unless
 * every step passes. Operations receive the resident from the session, never from the input.
 */
export async function runResidentGuarded<S extends z.ZodType, T>(
  context: ResidentGuardContext,
  spec: ResidentOperation<S, T>,
  input: unknown,
): Promise<GuardResult<T>> {
  const { resident } = context;
  if (!resident) return residentFailure(401, { code: "unauthenticated" });
  const parsed = spec.schema.safeParse(input);
  if (!parsed.success) return { ...residentFailure(400, { code: "invalid" }), fieldErrors: zodFieldErrors(parsed.error) };
  const data = parsed.data as z.infer<S>;
  const audit: StatementAudit = { actor: { type: "resident", id: resident.id, label: resident.displayName }, requestId: context.requestId, action: spec.action };
  if ("runStatements" in spec) return runStatements(spec, { data, resident, audit });
  if ("runSessionStatements" in spec) return runSessionStatements(spec, { data, session: loadedSession(resident, audit), context: { ...audit } });
  return runAuditedTransaction(audit, (tx) => spec.run({ data, tx, resident }));
}
