import "server-only";
import type { z } from "zod";
import { getDb, type Database, type Transaction } from "@/db";
import { databaseErrorCode, publicDatabaseFailure } from "@/lib/db-errors";
import { writeAudit, type AuditActor, type AuditDraft, type StatementAudit } from "@/lib/audit/log";
import type { ResidentError } from "@/lib/i18n/resident-errors";
import { canInDepartment, canUseSomewhere, PERMISSIONS, type Action, type StaffActor } from "./permissions";

export type FieldErrors = Record<string, string[]>;
/** `resident`: the refusal as data, so resident pages can word it in the resident's language. */
export type GuardFailure = { ok: false; status: 400 | 401 | 403 | 404 | 409 | 429 | 503; error: string; fieldErrors?: FieldErrors; resident?: ResidentError };
export type GuardResult<T> = { ok: true; data: T } | GuardFailure;

/**
 * Thrown inside a guarded run to abort the transaction with a specific, user-facing failure.
 * `audit` records the refused attempt itself (e.g. a prevented duplicate) after the rollback.
 */
export class GuardError extends Error {
  /** Set by ResidentRefusal (lib/residents/errors.ts). */
  resident?: ResidentError;
  constructor(
    readonly status: GuardFailure["status"],
    message: string,
    readonly fieldErrors?: FieldErrors,
    readonly audit?: AuditDraft & { action: string },
  ) {
    super(message);
    this.name = "GuardError";
  }
}

export const MESSAGES = {
  unauthenticated: "ログインしてください。",
  forbidden: "この操作を行う権限がありません。",
  invalid: "入力内容に誤りがあります。赤字の項目を確認してください。",
  notFound: "対象が見つかりません。",
  mustChangePassword: "仮パスワードのままです。先にパスワードを変更してください。",
} as const;

export type GuardContext = { actor: StaffActor | null; requestId: string | null };

export type GuardSpec<S extends z.ZodType, T> = {
  action: Action;
  schema: S;
  /**
   * Departments whose data the action touches, read inside the transaction (e.g. the target's department).
   * Required for department-scoped actions; every one must be permitted.
   */
  departments?: (data: z.infer<S>, tx: Transaction, actor: StaffActor) => Promise<string[]> | string[];
  /** Does the work; returns the result and the audit entries that record it. */
  run: (args: { data: z.infer<S>; tx: Transaction; actor: StaffActor }) => Promise<{
    result: T;
    audit: AuditDraft | AuditDraft[];
  }>;
};

/**
 * The hot-path shape of a staff operation: no open transaction. Each statement is atomic on its own, and the
 * statement that makes the change writes its audit entry itself (from `audit`). The work reads what it needs, then
 * calls `allowDepartment` for the department it touches before it writes; a refusal throws GuardError(403).
 */
export type StatementGuardSpec<S extends z.ZodType, T> = {
  action: Action;
  schema: S;
  runStatements: (args: { data: z.infer<S>; db: Database; actor: StaffActor; audit: StatementAudit; allowDepartment: (departmentId: string) => void }) => Promise<T>;
};

export function defineStatementOperation<S extends z.ZodType, T>(spec: StatementGuardSpec<S, T>): StatementGuardSpec<S, T> {
  return spec;
}

export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

/**
 * The one door for every staff write and personal-data read:
 * session → role → zod parse → transaction { department scope → work → audit entry }.
 * Nothing is written unless every step passes.
 */
export async function runGuarded<S extends z.ZodType, T>(
  context: GuardContext,
  spec: GuardSpec<S, T> | StatementGuardSpec<S, T>,
  input: unknown,
): Promise<GuardResult<T>> {
  const { actor } = context;
  if (!actor) return { ok: false, status: 401, error: MESSAGES.unauthenticated };
  if (!canUseSomewhere(actor, spec.action)) return { ok: false, status: 403, error: MESSAGES.forbidden };
  if (actor.mustChangePassword && spec.action !== "account.change_password") {
    return { ok: false, status: 403, error: MESSAGES.mustChangePassword };
  }

  const parsed = spec.schema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, status: 400, error: MESSAGES.invalid, fieldErrors: zodFieldErrors(parsed.error) };
  }
  const data = parsed.data as z.infer<S>;
  const audit: StatementAudit = { actor: { type: "staff", id: actor.id, label: actor.displayName }, requestId: context.requestId, action: spec.action };
  if ("runStatements" in spec) return runStaffStatements(spec, { data, actor, audit });
  return runAuditedTransaction(
    audit,
    async (tx) => {
      let scope: string | null = null;
      if (PERMISSIONS[spec.action].scope === "department") {
        if (!spec.departments) throw new Error(`${spec.action} is department-scoped but names no departments`);
        const departmentIds = [...new Set(await spec.departments(data, tx, actor))];
        if (departmentIds.length === 0 || !departmentIds.every((id) => canInDepartment(actor, spec.action, id))) {
          throw new GuardError(403, MESSAGES.forbidden);
        }
        scope = departmentIds.length === 1 ? departmentIds[0]! : null;
      }
      const outcome = await spec.run({ data, tx, actor });
      if (!scope) return outcome;
      // An auditor filtering by department must see every entry of work done in that department's scope.
      const withScope = (draft: AuditDraft): AuditDraft => (draft.departmentId ? draft : { ...draft, departmentId: scope });
      return { ...outcome, audit: Array.isArray(outcome.audit) ? outcome.audit.map(withScope) : withScope(outcome.audit) };
    },
  );
}

async function runStaffStatements<S extends z.ZodType, T>(
  spec: StatementGuardSpec<S, T>,
  args: { data: z.infer<S>; actor: StaffActor; audit: StatementAudit },
): Promise<GuardResult<T>> {
  let departmentChecked = false;
  const allowDepartment = (departmentId: string) => {
    if (!canInDepartment(args.actor, spec.action, departmentId)) throw new GuardError(403, MESSAGES.forbidden);
    departmentChecked = true;
  };
  return runStatementWork(args.audit, async (db) => {
    const result = await spec.runStatements({ ...args, db, allowDepartment });
    // A programming error, caught by the operation's own tests: department-scoped work that never checked one.
    if (PERMISSIONS[spec.action].scope === "department" && !departmentChecked) throw new Error(`${spec.action} ran without a department check`);
    return result;
  });
}

/** The statement shapes' tail (staff and resident): refusals become failures, with their audit entry if any. */
export async function runStatementWork<T>(context: StatementAudit, work: (db: Database) => Promise<T>): Promise<GuardResult<T>> {
  const db = await getDb();
  try {
    return { ok: true, data: await work(db) };
  } catch (error) {
    return failureOf(error, context, db);
  }
}

async function failureOf(error: unknown, context: StatementAudit, db: Database): Promise<GuardFailure> {
  if (!(error instanceof GuardError)) {
    // A driver error's text names tables, columns and values: the user gets a generic message, the log the detail.
    if (databaseErrorCode(error) === null) throw error;
    return { ok: false, ...publicDatabaseFailure(error, { requestId: context.requestId, where: context.action }) };
  }
  if (error.audit) await writeAudit(db, { ...error.audit, actor: context.actor, requestId: context.requestId });
  return { ok: false, status: error.status, error: error.message, fieldErrors: error.fieldErrors, ...(error.resident ? { resident: error.resident } : {}) };
}

/**
 * The shared tail of the staff and resident guards: one transaction for the work and its audit entries
 * (at least one is required); a GuardError rolls everything back, and a refused attempt that carries an
 * audit draft is recorded on its own afterwards.
 */
export async function runAuditedTransaction<T>(
  context: { actor: AuditActor; requestId: string | null; action: string },
  work: (tx: Transaction) => Promise<{ result: T; audit: AuditDraft | AuditDraft[] }>,
): Promise<GuardResult<T>> {
  const db = await getDb();
  try {
    const result = await db.transaction(async (tx) => {
      const outcome = await work(tx);
      const drafts = Array.isArray(outcome.audit) ? outcome.audit : [outcome.audit];
      if (drafts.length === 0) throw new Error(`${context.action} wrote no audit entry`);
      await writeAudit(
        tx,
        drafts.map((draft) => ({ ...draft, action: draft.action ?? context.action, actor: context.actor, requestId: context.requestId })),
      );
      return outcome.result;
    });
    return { ok: true, data: result };
  } catch (error) {
    return failureOf(error, context, db);
  }
}
