import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { staff } from "@/db/schema/staff";
import { writeAudit } from "@/lib/audit/log";
import { publicDatabaseFailure } from "@/lib/db-errors";
import { loginSchema } from "./validations";
import { verifyAgainstDummy, verifyPassword } from "./password";

export type LoginOutcome =
  | { ok: true; staffId: string }
  | { ok: false; reason: "invalid" | "locked"; lockedUntil?: Date };

export const LOGIN_ERRORS = {
  invalid: "ログインIDまたはパスワードが違います。",
  locked: "ログインに続けて失敗したため、このアカウントは一時的にロックされています。時間をおいて試すか、管理者に連絡してください。",
  unavailable: "一時的にログインできません。時間をおいてもう一度お試しください。",
} as const;

type LoginPolicy = { maxFailures: number; lockMinutes: number };

export function normaliseLoginId(loginId: string): string {
  return loginId.normalize("NFKC").trim().toLowerCase();
}

/**
 * Checks a staff password with lockout. Failures are counted with one atomic UPDATE so that parallel
 * guesses cannot slip past the limit; every attempt is audited.
 */
export async function verifyStaffLogin(
  db: Database,
  input: { loginId: string; password: string; requestId: string | null },
  policy: LoginPolicy,
): Promise<LoginOutcome> {
  const loginId = normaliseLoginId(input.loginId);
  const [account] = await db.select().from(staff).where(eq(staff.loginId, loginId)).limit(1);
  const audit = (action: string, after: Record<string, unknown>) =>
    writeAudit(db, {
      action,
      entity: "staff",
      entityId: account?.id ?? null,
      actor: { type: account ? "staff" : "anonymous", id: account?.id ?? null, label: loginId },
      requestId: input.requestId,
      after,
    });

  if (!account || !account.active || !account.passwordHash) {
    await verifyAgainstDummy(input.password);
    await audit("auth.login_failed", { reason: account ? "inactive_or_sso_only" : "unknown_login_id" });
    return { ok: false, reason: "invalid" };
  }
  if (account.lockedUntil && account.lockedUntil > new Date()) {
    await audit("auth.login_refused_locked", { lockedUntil: account.lockedUntil.toISOString() });
    return { ok: false, reason: "locked", lockedUntil: account.lockedUntil };
  }
  if (await verifyPassword(account.passwordHash, input.password)) {
    await db
      .update(staff)
      .set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: new Date() })
      .where(eq(staff.id, account.id));
    await audit("auth.login_succeeded", { method: "password" });
    return { ok: true, staffId: account.id };
  }
  const [updated] = await db
    .update(staff)
    .set({
      // A lock that has run out starts the count afresh, so one slip after it does not lock again.
      failedLoginCount: sql`case when ${staff.lockedUntil} <= now() then 1 else ${staff.failedLoginCount} + 1 end`,
      lockedUntil: sql`case
        when ${staff.lockedUntil} <= now() then null
        when ${staff.failedLoginCount} + 1 >= ${policy.maxFailures} then now() + make_interval(mins => ${policy.lockMinutes})
        else ${staff.lockedUntil} end`,
    })
    .where(and(eq(staff.id, account.id)))
    .returning({ failedLoginCount: staff.failedLoginCount, lockedUntil: staff.lockedUntil });
  const locked = updated?.lockedUntil != null && updated.lockedUntil > new Date();
  await audit(locked ? "auth.locked" : "auth.login_failed", {
    reason: "wrong_password",
    failedLoginCount: updated?.failedLoginCount,
  });
  return locked ? { ok: false, reason: "locked", lockedUntil: updated?.lockedUntil ?? undefined } : { ok: false, reason: "invalid" };
}

/**
 * The credentials provider's authorize step. next-auth puts a thrown error's message into the redirect URL, so
 * only the fixed LOGIN_ERRORS texts are ever thrown: text that cannot be stored is refused like a wrong password
 * before any query, and a database failure is logged with the request id and reported generically.
 */
export async function authorizeStaffCredentials(
  db: Database,
  credentials: Record<string, unknown> | undefined,
  context: { requestId: string | null; policy: LoginPolicy },
): Promise<{ id: string }> {
  const parsed = loginSchema.safeParse({ loginId: credentials?.loginId, password: credentials?.password });
  if (!parsed.success) throw new Error(LOGIN_ERRORS.invalid);
  let outcome: LoginOutcome;
  try {
    outcome = await verifyStaffLogin(db, { ...parsed.data, requestId: context.requestId }, context.policy);
  } catch (error) {
    publicDatabaseFailure(error, { requestId: context.requestId, where: "auth.login" });
    throw new Error(LOGIN_ERRORS.unavailable);
  }
  if (!outcome.ok) throw new Error(LOGIN_ERRORS[outcome.reason]);
  return { id: outcome.staffId };
}

/** SSO sign-ins map to existing, active staff accounts only: the town provisions its staff, not the IdP. */
export async function findActiveStaffIdForSso(
  db: Database,
  input: { email: string | null | undefined; requestId: string | null; issuer: string },
): Promise<string | null> {
  const loginId = input.email ? normaliseLoginId(input.email) : null;
  const [account] = loginId
    ? await db.select({ id: staff.id, active: staff.active }).from(staff).where(eq(staff.loginId, loginId)).limit(1)
    : [];
  const accepted = account?.active ? account.id : null;
  await writeAudit(db, {
    action: accepted ? "auth.login_succeeded" : "auth.login_failed",
    entity: "staff",
    entityId: account?.id ?? null,
    actor: { type: accepted ? "staff" : "anonymous", id: account?.id ?? null, label: loginId },
    requestId: input.requestId,
    after: { method: "sso", issuer: input.issuer, reason: accepted ? undefined : "no_active_account" },
  });
  if (accepted) {
    await db.update(staff).set({ lastLoginAt: new Date() }).where(eq(staff.id, accepted));
  }
  return accepted;
}
