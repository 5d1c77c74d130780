import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLog } from "@/db/schema/audit";
import { staff } from "@/db/schema/staff";
import { createDepartment, createStaff, uniqueSuffix } from "@/lib/testing/factories";
import { authorizeStaffCredentials, LOGIN_ERRORS, verifyStaffLogin } from "./credentials";

const POLICY = { maxFailures: 3, lockMinutes: 15 };
let departmentId: string;

beforeAll(async () => {
  departmentId = (await createDepartment()).id;
});

async function attempt(loginId: string, password: string) {
  return verifyStaffLogin(await getDb(), { loginId, password, requestId: `req-${uniqueSuffix()}` }, POLICY);
}

async function actionsFor(staffId: string) {
  const db = await getDb();
  const rows = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, staffId)).orderBy(auditLog.id);
  return rows.map((row) => row.action);
}

async function row(staffId: string) {
  const db = await getDb();
  return (await db.select().from(staff).where(eq(staff.id, staffId)))[0]!;
}

describe("verifyStaffLogin", () => {
  it("signs in with the right password, case-insensitively on the login id, and records it", async () => {
    const account = await createStaff({ memberships: [{ departmentId, role: "viewer" }] });
    expect(await attempt(`  ${account.loginId.toUpperCase()} `, account.password)).toEqual({ ok: true, staffId: account.id });
    expect(await actionsFor(account.id)).toEqual(["auth.login_succeeded"]);
    expect((await row(account.id)).lastLoginAt).not.toBeNull();
  });

  it("locks the account after the maximum number of wrong passwords, auditing each step", async () => {
    const account = await createStaff({ memberships: [{ departmentId, role: "viewer" }] });
    expect(await attempt(account.loginId, "wrong 1")).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt(account.loginId, "wrong 2")).toEqual({ ok: false, reason: "invalid" });
    const third = await attempt(account.loginId, "wrong 3");
    expect(third).toMatchObject({ ok: false, reason: "locked", lockedUntil: expect.any(Date) });
    expect(await row(account.id)).toMatchObject({ failedLoginCount: 3, lockedUntil: expect.any(Date) });
    expect(await actionsFor(account.id)).toEqual(["auth.login_failed", "auth.login_failed", "auth.locked"]);
  });

  it("refuses the correct password while locked, and says so in the audit log", async () => {
    const account = await createStaff({ memberships: [{ departmentId, role: "viewer" }] });
    for (let i = 0; i < POLICY.maxFailures; i++) await attempt(account.loginId, `wrong ${i}`);
    expect(await attempt(account.loginId, account.password)).toMatchObject({ ok: false, reason: "locked" });
    expect((await actionsFor(account.id)).at(-1)).toBe("auth.login_refused_locked");
    expect((await row(account.id)).lastLoginAt).toBeNull();
  });

  it("lets the owner in again once the lock has expired", async () => {
    const account = await createStaff({ memberships: [{ departmentId, role: "viewer" }] });
    for (let i = 0; i < POLICY.maxFailures; i++) await attempt(account.loginId, `wrong ${i}`);
    const db = await getDb();
    await db.update(staff).set({ lockedUntil: new Date(Date.now() - 60_000) }).where(eq(staff.id, account.id));
    expect(await attempt(account.loginId, account.password)).toEqual({ ok: true, staffId: account.id });
    expect(await row(account.id)).toMatchObject({ failedLoginCount: 0, lockedUntil: null });
  });

  it("one wrong password after an expired lock starts a new count instead of locking again", async () => {
    const account = await createStaff({ memberships: [{ departmentId, role: "viewer" }] });
    for (let i = 0; i < POLICY.maxFailures; i++) await attempt(account.loginId, `wrong ${i}`);
    const db = await getDb();
    await db.update(staff).set({ lockedUntil: new Date(Date.now() - 60_000) }).where(eq(staff.id, account.id));
    expect(await attempt(account.loginId, "one slip")).toEqual({ ok: false, reason: "invalid" });
    expect(await row(account.id)).toMatchObject({ failedLoginCount: 1, lockedUntil: null });
    expect(await attempt(account.loginId, account.password)).toMatchObject({ ok: true });
  });

  it("a successful sign-in resets the failure counter", async () => {
    const account = await createStaff({ memberships: [{ departmentId, role: "viewer" }] });
    await attempt(account.loginId, "wrong 1");
    await attempt(account.loginId, "wrong 2");
    expect((await row(account.id)).failedLoginCount).toBe(2);
    expect(await attempt(account.loginId, account.password)).toMatchObject({ ok: true });
    expect((await row(account.id)).failedLoginCount).toBe(0);
    // Two more failures are again below the limit.
    await attempt(account.loginId, "wrong 3");
    expect(await attempt(account.loginId, "wrong 4")).toEqual({ ok: false, reason: "invalid" });
  });

  it("an unknown login id and an inactive account get the same answer as a wrong password", async () => {
    const inactive = await createStaff({ active: false, memberships: [{ departmentId, role: "viewer" }] });
    const unknownId = `nobody-${uniqueSuffix()}@example.lg.jp`;
    const unknown = await attempt(unknownId, "whatever it is");
    const deactivated = await attempt(inactive.loginId, inactive.password);
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
    expect(deactivated).toEqual(unknown);
    const db = await getDb();
    const anonymous = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.login_failed"), eq(auditLog.actorLabel, unknownId)));
    expect(anonymous).toMatchObject([{ actorType: "anonymous", entityId: null }]);
    expect(await actionsFor(inactive.id)).toEqual(["auth.login_failed"]);
    // Failures against an inactive account never lock it (nothing to reveal, nothing to count).
    expect((await row(inactive.id)).failedLoginCount).toBe(0);
  });

  it("parallel wrong guesses cannot exceed the limit without locking", async () => {
    const account = await createStaff({ memberships: [{ departmentId, role: "viewer" }] });
    const outcomes = await Promise.all(Array.from({ length: 6 }, (_, i) => attempt(account.loginId, `guess ${i}`)));
    expect(outcomes.every((outcome) => !outcome.ok)).toBe(true);
    expect(await row(account.id)).toMatchObject({ lockedUntil: expect.any(Date) });
    expect(await attempt(account.loginId, account.password)).toMatchObject({ ok: false, reason: "locked" });
  });
});

describe("authorizeStaffCredentials (the credentials provider's authorize step)", () => {
  const context = () => ({ requestId: `req-${uniqueSuffix()}`, policy: POLICY });

  it("refuses a login id or password that cannot be stored with the plain wrong-password message, before any query", async () => {
    const db = await getDb();
    for (const credentials of [
      { loginId: "admin\u0000@yakuba.example", password: "x" },
      { loginId: "admin\uD800@yakuba.example", password: "x" },
      { loginId: "admin@yakuba.example", password: "pass\u0000word" },
      { loginId: "", password: "x" },
      undefined,
    ]) {
      await expect(authorizeStaffCredentials(db, credentials, context())).rejects.toThrow(new Error(LOGIN_ERRORS.invalid));
    }
  });

  it("never lets a database error's text (query, columns, parameters) out: the message is generic", async () => {
    const failing = new Proxy(await getDb(), {
      get(target, property, receiver) {
        if (property !== "select") return Reflect.get(target, property, receiver);
        return () => {
          const driver = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: "22021" });
          throw Object.assign(new Error('Failed query: select "id", "login_id", "password_hash" from "staff" params: a@b'), { name: "DrizzleQueryError", cause: driver });
        };
      },
    });
    const error = await authorizeStaffCredentials(failing, { loginId: "a@b.example", password: "x" }, context()).catch((e: Error) => e);
    expect((error as Error).message).toBe(LOGIN_ERRORS.unavailable);
    expect((error as Error).message).not.toMatch(/password_hash|select|params/);
  });
});
