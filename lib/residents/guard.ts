import "server-only";
import type { z } from "zod";
import { getDb, type Transaction } from "@/db";
import { writeAudit, type AuditDraft } from "@/lib/audit/log";
import { GuardError, MESSAGES, zodFieldErrors, type GuardResult } from "@/lib/auth/guard";

export type ResidentActor = { id: string; lineUserId: string; displayName: string | null };
export type ResidentGuardContext = { resident: ResidentActor | null; requestId: string | null };

export type ResidentGuardSpec<S extends z.ZodType, T> = {
  /** Audit action name, e.g. "jpki.start". */
  action: string;
  schema: S;
  /** Does the work for this resident only; returns the result and the audit entries that record it. */
  run: (args: { data: z.infer<S>; tx: Transaction; resident: ResidentActor }) => Promise<{ result: T; audit: AuditDraft | AuditDraft[] }>;
};

export const RESIDENT_MESSAGES = {
  unauthenticated: "LINE からもう一度開いてください。（Please open this page again from LINE.）",
  rateLimited: "短い時間に操作が集中しました。少し待ってから、もう一度お試しください。（Too many requests. Please wait a moment.）",
} as const;

export function defineResidentOperation<S extends z.ZodType, T>(spec: ResidentGuardSpec<S, T>): ResidentGuardSpec<S, T> {
  return spec;
}

/**
 * The door for every resident write and personal-data read, shaped like the staff guard:
 * session → zod parse → transaction { work → audit entry (actor_type 'resident') }. Nothing is written unless
 * every step passes. Operations receive the resident from the session, never from the input.
 */
export async function runResidentGuarded<S extends z.ZodType, T>(
  context: ResidentGuardContext,
  spec: ResidentGuardSpec<S, T>,
  input: unknown,
): Promise<GuardResult<T>> {
  const { resident } = context;
  if (!resident) return { ok: false, status: 401, error: RESIDENT_MESSAGES.unauthenticated };
  const parsed = spec.schema.safeParse(input);
  if (!parsed.success) return { ok: false, status: 400, error: MESSAGES.invalid, fieldErrors: zodFieldErrors(parsed.error) };
  const data = parsed.data as z.infer<S>;
  const db = await getDb();
  try {
    const result = await db.transaction(async (tx) => {
      const outcome = await spec.run({ data, tx, resident });
      const drafts = Array.isArray(outcome.audit) ? outcome.audit : [outcome.audit];
      if (drafts.length === 0) throw new Error(`${spec.action} wrote no audit entry`);
      await writeAudit(
        tx,
        drafts.map((draft) => ({
          ...draft,
          action: draft.action ?? spec.action,
          actor: { type: "resident", id: resident.id, label: resident.displayName },
          requestId: context.requestId,
        })),
      );
      return outcome.result;
    });
    return { ok: true, data: result };
  } catch (error) {
    if (error instanceof GuardError) {
      // A refused attempt (e.g. a household's second filing) leaves its own audit entry after the rollback.
      if (error.audit) {
        await writeAudit(db, {
          ...error.audit,
          actor: { type: "resident", id: resident.id, label: resident.displayName },
          requestId: context.requestId,
        });
      }
      return { ok: false, status: error.status, error: error.message, fieldErrors: error.fieldErrors };
    }
    throw error;
  }
}
