import "server-only";
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

export type ResidentOperation<S extends z.ZodType, T> = ResidentGuardSpec<S, T> | ResidentStatementSpec<S, T>;

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
  return runAuditedTransaction(audit, (tx) => spec.run({ data, tx, resident }));
}
