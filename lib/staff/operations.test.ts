import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { getDb } from "@/db";
import { auditLog } from "@/db/schema/audit";
import { departments } from "@/db/schema/departments";
import { staff, staffMemberships } from "@/db/schema/staff";
import { getStaffActorById } from "@/lib/auth/actor";
import { verifyStaffLogin } from "@/lib/auth/credentials";
import { runGuarded, type GuardResult, type GuardSpec } from "@/lib/auth/guard";
import { verifyPassword } from "@/lib/auth/password";
import type { StaffActor } from "@/lib/auth/permissions";
import { createActor, createDepartment, createStaff, uniqueSuffix } from "@/lib/testing/factories";
import {
  assignStaffRole,
  changeOwnPassword,
  createStaffAccount,
  listStaff,
  resetStaffPassword,
  setStaffActive,
  unlockStaff,
  viewStaff,
} from "./operations";

let soumu: { id: string };
let kosodate: { id: string };
let hoken: { id: string };
let systemAdmin: StaffActor;
let kosodateAdmin: StaffActor;
let hokenAdmin: StaffActor;

function as<S extends z.ZodType, T>(actor: StaffActor, spec: GuardSpec<S, T>, input: unknown) {
  return runGuarded({ actor, requestId: `test-${uniqueSuffix()}` }, spec, input);
}

async function auditFor(entityId: string) {
  const db = await getDb();
  return db.select().from(auditLog).where(eq(auditLog.entityId, entityId)).orderBy(auditLog.id);
}

async function staffRow(staffId: string) {
  const db = await getDb();
  const [row] = await db.select().from(staff).where(eq(staff.id, staffId));
  return row!;
}

async function membershipsOf(staffId: string) {
  const db = await getDb();
  return db
    .select({ departmentId: staffMemberships.departmentId, role: staffMemberships.role })
    .from(staffMemberships)
    .where(eq(staffMemberships.staffId, staffId));
}

const POLICY = { maxFailures: 5, lockMinutes: 15 };
async function login(loginId: string, password: string) {
  return verifyStaffLogin(await getDb(), { loginId, password, requestId: null }, POLICY);
}

beforeAll(async () => {
  soumu = await createDepartment();
  kosodate = await createDepartment();
  hoken = await createDepartment();
  systemAdmin = await createActor([{ departmentId: soumu.id, role: "system_admin" }]);
  kosodateAdmin = await createActor([{ departmentId: kosodate.id, role: "dept_admin" }]);
  hokenAdmin = await createActor([{ departmentId: hoken.id, role: "dept_admin" }]);
});

describe("listStaff", () => {
  // A tag in every display name of this block, so other tests' staff never enter the counts; the digits fix
  // the name order under any collation.
  const tag = `一覧${uniqueSuffix()}`;
  let kosodateOnly: { id: string; loginId: string };
  let hokenOnly: { id: string };
  let both: { id: string };
  let inactive: { id: string };
  let locked: { id: string };

  beforeAll(async () => {
    kosodateOnly = await createStaff({ displayName: `${tag} 1 青木`, memberships: [{ departmentId: kosodate.id, role: "reviewer" }] });
    hokenOnly = await createStaff({ displayName: `${tag} 2 井上`, memberships: [{ departmentId: hoken.id, role: "reviewer" }] });
    both = await createStaff({
      displayName: `${tag} 3 上田`,
      memberships: [
        { departmentId: kosodate.id, role: "counter" },
        { departmentId: hoken.id, role: "dept_admin" },
      ],
    });
    inactive = await createStaff({ displayName: `${tag} 4 江藤`, active: false, memberships: [{ departmentId: kosodate.id, role: "viewer" }] });
    locked = await createStaff({ displayName: `${tag} 5 大野`, memberships: [{ departmentId: kosodate.id, role: "counter" }] });
    const db = await getDb();
    await db.update(staff).set({ lockedUntil: sql`now() + interval '10 minutes'`, failedLoginCount: 5 }).where(eq(staff.id, locked.id));
  });

  const ids = (result: GuardResult<{ rows: { id: string }[] }>) => {
    if (!result.ok) throw new Error(`expected ok, got ${result.status} ${result.error}`);
    return result.data.rows.map((row) => row.id);
  };

  it("a dept_admin sees only staff of their own department (including people who also belong elsewhere)", async () => {
    const result = await as(kosodateAdmin, listStaff, { q: tag });
    expect(new Set(ids(result))).toEqual(new Set([kosodateOnly.id, both.id, inactive.id, locked.id]));
  });

  it("a system_admin sees every department's staff", async () => {
    const result = await as(systemAdmin, listStaff, { q: tag });
    expect(new Set(ids(result))).toEqual(new Set([kosodateOnly.id, hokenOnly.id, both.id, inactive.id, locked.id]));
    expect(result).toMatchObject({ ok: true, data: { total: 5 } });
  });

  it("a dept_admin asking for another department's staff gets 403", async () => {
    const result = await as(kosodateAdmin, listStaff, { departmentId: hoken.id });
    expect(result).toMatchObject({ ok: false, status: 403 });
  });

  it("reviewers and other non-admin roles cannot list staff", async () => {
    const reviewer = await createActor([{ departmentId: kosodate.id, role: "reviewer" }]);
    expect(await as(reviewer, listStaff, {})).toMatchObject({ ok: false, status: 403 });
  });

  it("filters by name or login id, department, role and status", async () => {
    expect(ids(await as(systemAdmin, listStaff, { q: `${tag} 2 井上` }))).toEqual([hokenOnly.id]);
    expect(ids(await as(systemAdmin, listStaff, { q: kosodateOnly.loginId.toUpperCase() }))).toEqual([kosodateOnly.id]);
    expect(new Set(ids(await as(systemAdmin, listStaff, { q: tag, departmentId: hoken.id })))).toEqual(new Set([hokenOnly.id, both.id]));
    expect(new Set(ids(await as(systemAdmin, listStaff, { q: tag, role: "counter", departmentId: kosodate.id })))).toEqual(
      new Set([both.id, locked.id]),
    );
    expect(ids(await as(systemAdmin, listStaff, { q: tag, status: "inactive" }))).toEqual([inactive.id]);
    expect(ids(await as(systemAdmin, listStaff, { q: tag, status: "locked" }))).toEqual([locked.id]);
    expect(ids(await as(systemAdmin, listStaff, { q: tag, status: "active" }))).not.toContain(inactive.id);
  });

  it("a role filter means the role in a department the actor manages, not elsewhere", async () => {
    // `both` is dept_admin in 保健福祉課 only; the 子育て支援課 admin must not find them as a dept_admin.
    expect(ids(await as(kosodateAdmin, listStaff, { q: tag, role: "dept_admin" }))).toEqual([]);
    expect(ids(await as(systemAdmin, listStaff, { q: tag, role: "dept_admin" }))).toEqual([both.id]);
  });

  it("treats % and _ in the search as literal characters", async () => {
    expect(ids(await as(systemAdmin, listStaff, { q: "%" }))).toEqual([]);
  });

  it("sorts by name in both directions", async () => {
    const ascending = ids(await as(systemAdmin, listStaff, { q: tag, sort: "displayName", dir: "asc" }));
    const descending = ids(await as(systemAdmin, listStaff, { q: tag, sort: "displayName", dir: "desc" }));
    expect(ascending).toEqual([kosodateOnly.id, hokenOnly.id, both.id, inactive.id, locked.id]);
    expect(descending).toEqual([...ascending].reverse());
  });

  it("pages with a total count; an unknown page size falls back to 20", async () => {
    const pageTag = `頁${uniqueSuffix()}`;
    const created = [];
    for (let i = 0; i < 23; i++) {
      created.push(await createStaff({ displayName: `${pageTag} ${String(i).padStart(2, "0")}`, memberships: [{ departmentId: hoken.id, role: "viewer" }] }));
    }
    const first = await as(systemAdmin, listStaff, { q: pageTag, page: "1", pageSize: "7" });
    const second = await as(systemAdmin, listStaff, { q: pageTag, page: "2", pageSize: "20" });
    expect(first).toMatchObject({ ok: true, data: { total: 23, params: { pageSize: 20 } } });
    expect(ids(first)).toEqual(created.slice(0, 20).map((s) => s.id));
    expect(ids(second)).toEqual(created.slice(20).map((s) => s.id));
  });

  it("every list view is audited with the filters used", async () => {
    const db = await getDb();
    const marker = `監査${uniqueSuffix()}`;
    await as(kosodateAdmin, listStaff, { q: marker });
    const entries = await db.select().from(auditLog).where(and(eq(auditLog.action, "staff.list"), eq(auditLog.actorId, kosodateAdmin.id)));
    expect(entries.some((entry) => (entry.after as { filters: { q?: string } }).filters.q === marker)).toBe(true);
  });

  it("viewing one staff member is audited; a dept_admin may view someone who also belongs elsewhere", async () => {
    const result = await as(kosodateAdmin, viewStaff, { staffId: both.id });
    expect(result).toMatchObject({ ok: true, data: { id: both.id, memberships: expect.arrayContaining([expect.objectContaining({ departmentId: hoken.id })]) } });
    expect(JSON.stringify(result)).not.toContain("argon2");
    expect((await auditFor(both.id)).map((entry) => entry.action)).toContain("staff.view");
    expect(await as(kosodateAdmin, viewStaff, { staffId: hokenOnly.id })).toMatchObject({ ok: false, status: 403 });
  });
});

describe("createStaffAccount", () => {
  it("creates the account with a working one-time temporary password that must be changed", async () => {
    const loginId = `New-${uniqueSuffix()}@Example.lg.jp`;
    const result = await as(kosodateAdmin, createStaffAccount, { loginId, displayName: "新人 花子", departmentId: kosodate.id, role: "counter" });
    if (!result.ok) throw new Error(result.error);
    const row = await staffRow(result.data.staffId);
    expect(row.loginId).toBe(loginId.toLowerCase());
    expect(row.mustChangePassword).toBe(true);
    expect(await verifyPassword(row.passwordHash!, result.data.temporaryPassword)).toBe(true);
    expect(await membershipsOf(row.id)).toEqual([{ departmentId: kosodate.id, role: "counter" }]);
    const [entry] = await auditFor(row.id);
    expect(entry).toMatchObject({ action: "staff.create", actorId: kosodateAdmin.id, departmentId: kosodate.id });
    expect(JSON.stringify(entry!.after)).not.toContain(result.data.temporaryPassword);
    expect(JSON.stringify(entry!.after)).not.toContain("argon2");
  });

  it("a duplicate login id gives 409 with a field error, and nothing is written", async () => {
    const existing = await createStaff({ memberships: [{ departmentId: kosodate.id, role: "viewer" }] });
    const db = await getDb();
    const countStaff = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(staff))[0]!.n;
    const countAudit = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(eq(auditLog.action, "staff.create")))[0]!.n;
    const [staffBefore, auditBefore] = [await countStaff(), await countAudit()];
    const result = await as(kosodateAdmin, createStaffAccount, {
      loginId: existing.loginId.toUpperCase(),
      displayName: "重複 太郎",
      departmentId: kosodate.id,
      role: "viewer",
    });
    expect(result).toMatchObject({ ok: false, status: 409, fieldErrors: { loginId: ["このログインIDはすでに使われています"] } });
    expect(await countStaff()).toBe(staffBefore);
    expect(await countAudit()).toBe(auditBefore);
  });

  it("a dept_admin cannot create in another department or grant system_admin; nothing is written", async () => {
    const db = await getDb();
    const other = `other-${uniqueSuffix()}@example.lg.jp`;
    const sysadmin = `sys-${uniqueSuffix()}@example.lg.jp`;
    expect(await as(kosodateAdmin, createStaffAccount, { loginId: other, displayName: "他課", departmentId: hoken.id, role: "viewer" })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(
      await as(kosodateAdmin, createStaffAccount, { loginId: sysadmin, displayName: "管理者", departmentId: kosodate.id, role: "system_admin" }),
    ).toMatchObject({ ok: false, status: 403, fieldErrors: { role: ["この権限は付与できません"] } });
    expect(await db.select().from(staff).where(eq(staff.loginId, other))).toEqual([]);
    expect(await db.select().from(staff).where(eq(staff.loginId, sysadmin))).toEqual([]);
  });

  it("a system_admin may create a system_admin anywhere", async () => {
    const result = await as(systemAdmin, createStaffAccount, {
      loginId: `sys-${uniqueSuffix()}@example.lg.jp`,
      displayName: "情報 二郎",
      departmentId: hoken.id,
      role: "system_admin",
    });
    expect(result.ok).toBe(true);
  });

  it("refuses a department that has been deactivated", async () => {
    const closed = await createDepartment();
    const db = await getDb();
    await db.update(departments).set({ active: false }).where(eq(departments.id, closed.id));
    const result = await as(systemAdmin, createStaffAccount, {
      loginId: `closed-${uniqueSuffix()}@example.lg.jp`,
      displayName: "停止 部署",
      departmentId: closed.id,
      role: "viewer",
    });
    expect(result).toMatchObject({ ok: false, status: 409, fieldErrors: { departmentId: ["停止中の部署です"] } });
  });

  it("bad input is a 400 with Japanese field errors", async () => {
    const result = await as(kosodateAdmin, createStaffAccount, { loginId: "not-an-email", displayName: " ", departmentId: kosodate.id, role: "boss" });
    expect(result).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: {
        loginId: ["ログインIDはメールアドレスの形で入力してください"],
        displayName: ["氏名を入力してください"],
        role: ["権限を選んでください"],
      },
    });
  });
});

describe("setStaffActive", () => {
  it("deactivating stops the actor from loading at once; reactivating restores it", async () => {
    const target = await createStaff({ memberships: [{ departmentId: kosodate.id, role: "reviewer" }] });
    const db = await getDb();
    expect(await getStaffActorById(db, { staffId: target.id })).not.toBeNull();
    expect(await as(kosodateAdmin, setStaffActive, { staffId: target.id, active: false })).toMatchObject({ ok: true });
    expect(await getStaffActorById(db, { staffId: target.id })).toBeNull();
    expect(await login(target.loginId, target.password)).toEqual({ ok: false, reason: "invalid" });
    expect(await as(kosodateAdmin, setStaffActive, { staffId: target.id, active: true })).toMatchObject({ ok: true });
    expect(await getStaffActorById(db, { staffId: target.id })).not.toBeNull();
    const entries = await auditFor(target.id);
    expect(entries.filter((e) => e.action === "staff.set_active").map((e) => (e.after as { active: boolean }).active)).toEqual([false, true]);
  });

  it("nobody can deactivate themselves", async () => {
    expect(await as(kosodateAdmin, setStaffActive, { staffId: kosodateAdmin.id, active: false })).toMatchObject({ ok: false, status: 403 });
    expect(await as(systemAdmin, setStaffActive, { staffId: systemAdmin.id, active: false })).toMatchObject({ ok: false, status: 403 });
    expect((await staffRow(systemAdmin.id)).active).toBe(true);
  });

  it("a dept_admin cannot deactivate someone who also belongs to another department; a system_admin can", async () => {
    const shared = await createStaff({
      memberships: [
        { departmentId: kosodate.id, role: "reviewer" },
        { departmentId: hoken.id, role: "reviewer" },
      ],
    });
    expect(await as(kosodateAdmin, setStaffActive, { staffId: shared.id, active: false })).toMatchObject({ ok: false, status: 403 });
    expect((await staffRow(shared.id)).active).toBe(true);
    expect(await as(systemAdmin, setStaffActive, { staffId: shared.id, active: false })).toMatchObject({ ok: true });
    expect((await staffRow(shared.id)).active).toBe(false);
  });

  it("a dept_admin cannot touch a system_admin account, even one placed in their department", async () => {
    const sysInKosodate = await createStaff({ memberships: [{ departmentId: kosodate.id, role: "system_admin" }] });
    expect(await as(kosodateAdmin, setStaffActive, { staffId: sysInKosodate.id, active: false })).toMatchObject({ ok: false, status: 403 });
    expect((await staffRow(sysInKosodate.id)).active).toBe(true);
  });
});

describe("resetStaffPassword and unlockStaff", () => {
  async function lockOut(staffId: string) {
    const db = await getDb();
    await db.update(staff).set({ failedLoginCount: 5, lockedUntil: sql`now() + interval '15 minutes'` }).where(eq(staff.id, staffId));
  }

  it("the old password stops working, the temporary one works, the lock is cleared", async () => {
    const target = await createStaff({ memberships: [{ departmentId: kosodate.id, role: "counter" }] });
    await lockOut(target.id);
    const result = await as(kosodateAdmin, resetStaffPassword, { staffId: target.id });
    if (!result.ok) throw new Error(result.error);
    const row = await staffRow(target.id);
    expect(row).toMatchObject({ failedLoginCount: 0, lockedUntil: null, mustChangePassword: true });
    expect(await login(target.loginId, target.password)).toEqual({ ok: false, reason: "invalid" });
    expect(await login(target.loginId, result.data.temporaryPassword)).toEqual({ ok: true, staffId: target.id });
    expect((await auditFor(target.id)).map((e) => e.action)).toContain("staff.reset_password");
  });

  it("a dept_admin of another department gets 403 and the password is unchanged", async () => {
    const target = await createStaff({ memberships: [{ departmentId: kosodate.id, role: "counter" }] });
    expect(await as(hokenAdmin, resetStaffPassword, { staffId: target.id })).toMatchObject({ ok: false, status: 403 });
    expect(await login(target.loginId, target.password)).toEqual({ ok: true, staffId: target.id });
  });

  it("unlock clears the lock and keeps the password", async () => {
    const target = await createStaff({ memberships: [{ departmentId: kosodate.id, role: "counter" }] });
    await lockOut(target.id);
    expect(await login(target.loginId, target.password)).toMatchObject({ ok: false, reason: "locked" });
    expect(await as(kosodateAdmin, unlockStaff, { staffId: target.id })).toMatchObject({ ok: true });
    expect(await staffRow(target.id)).toMatchObject({ failedLoginCount: 0, lockedUntil: null, mustChangePassword: false });
    expect(await login(target.loginId, target.password)).toEqual({ ok: true, staffId: target.id });
    const entry = (await auditFor(target.id)).find((e) => e.action === "staff.unlock");
    expect(entry).toMatchObject({ actorId: kosodateAdmin.id, after: { failedLoginCount: 0, lockedUntil: null } });
    expect(await as(hokenAdmin, unlockStaff, { staffId: target.id })).toMatchObject({ ok: false, status: 403 });
  });
});

describe("assignStaffRole", () => {
  it("adds, changes and removes a membership, auditing before and after", async () => {
    const target = await createStaff({ memberships: [{ departmentId: kosodate.id, role: "viewer" }] });
    expect(await as(systemAdmin, assignStaffRole, { staffId: target.id, departmentId: hoken.id, role: "reviewer" })).toMatchObject({ ok: true });
    expect(await membershipsOf(target.id)).toEqual(
      expect.arrayContaining([
        { departmentId: kosodate.id, role: "viewer" },
        { departmentId: hoken.id, role: "reviewer" },
      ]),
    );
    expect(await as(kosodateAdmin, assignStaffRole, { staffId: target.id, departmentId: kosodate.id, role: "counter" })).toMatchObject({ ok: true });
    expect(await membershipsOf(target.id)).toContainEqual({ departmentId: kosodate.id, role: "counter" });
    expect(await as(hokenAdmin, assignStaffRole, { staffId: target.id, departmentId: hoken.id, role: null })).toMatchObject({ ok: true });
    expect(await membershipsOf(target.id)).toEqual([{ departmentId: kosodate.id, role: "counter" }]);
    const entries = (await auditFor(target.id)).filter((e) => e.action === "staff.assign_role");
    expect(entries).toHaveLength(3);
    expect(entries[2]).toMatchObject({ departmentId: hoken.id, after: { memberships: [{ departmentId: kosodate.id, role: "counter" }] } });
  });

  it("the last membership cannot be removed", async () => {
    const target = await createStaff({ memberships: [{ departmentId: kosodate.id, role: "viewer" }] });
    expect(await as(kosodateAdmin, assignStaffRole, { staffId: target.id, departmentId: kosodate.id, role: null })).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(await membershipsOf(target.id)).toEqual([{ departmentId: kosodate.id, role: "viewer" }]);
  });

  it("removing a membership the staff member does not have is a 404", async () => {
    const target = await createStaff({ memberships: [{ departmentId: kosodate.id, role: "viewer" }] });
    expect(await as(systemAdmin, assignStaffRole, { staffId: target.id, departmentId: hoken.id, role: null })).toMatchObject({ ok: false, status: 404 });
  });

  it("a dept_admin cannot pull another department's staff member into their own department", async () => {
    const outsider = await createStaff({ memberships: [{ departmentId: hoken.id, role: "reviewer" }] });
    expect(await as(kosodateAdmin, assignStaffRole, { staffId: outsider.id, departmentId: kosodate.id, role: "reviewer" })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await membershipsOf(outsider.id)).toEqual([{ departmentId: hoken.id, role: "reviewer" }]);
  });

  it("a dept_admin cannot grant system_admin nor change roles in another department", async () => {
    const target = await createStaff({ memberships: [{ departmentId: kosodate.id, role: "viewer" }] });
    expect(await as(kosodateAdmin, assignStaffRole, { staffId: target.id, departmentId: kosodate.id, role: "system_admin" })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await as(kosodateAdmin, assignStaffRole, { staffId: target.id, departmentId: hoken.id, role: "viewer" })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await membershipsOf(target.id)).toEqual([{ departmentId: kosodate.id, role: "viewer" }]);
  });

  it("nobody changes their own roles", async () => {
    expect(await as(kosodateAdmin, assignStaffRole, { staffId: kosodateAdmin.id, departmentId: kosodate.id, role: "viewer" })).toMatchObject({
      ok: false,
      status: 403,
    });
  });
});

describe("changeOwnPassword", () => {
  it("a wrong current password is a field error and nothing is written", async () => {
    const me = await createStaff({ memberships: [{ departmentId: kosodate.id, role: "viewer" }] });
    const db = await getDb();
    await db.update(staff).set({ mustChangePassword: true }).where(eq(staff.id, me.id));
    const actor = (await getStaffActorById(db, { staffId: me.id }))!;
    const before = await staffRow(me.id);
    const result = await as(actor, changeOwnPassword, {
      currentPassword: "definitely wrong",
      newPassword: "a brand new passphrase",
      confirmPassword: "a brand new passphrase",
    });
    expect(result).toMatchObject({ ok: false, status: 400, fieldErrors: { currentPassword: ["現在のパスワードが違います"] } });
    expect(await staffRow(me.id)).toEqual(before);
    expect(await auditFor(me.id)).toEqual([]);
  });

  it("a mismatched confirmation is a field error", async () => {
    const actor = await createActor([{ departmentId: kosodate.id, role: "viewer" }]);
    const result = await as(actor, changeOwnPassword, {
      currentPassword: "correct horse battery staple",
      newPassword: "a brand new passphrase",
      confirmPassword: "a brand new passphrase!",
    });
    expect(result).toMatchObject({ ok: false, status: 400, fieldErrors: { confirmPassword: ["新しいパスワードが一致しません"] } });
  });

  it("the right current password sets the new one and clears the must-change flag", async () => {
    const me = await createStaff({ memberships: [{ departmentId: kosodate.id, role: "viewer" }] });
    const db = await getDb();
    await db.update(staff).set({ mustChangePassword: true }).where(eq(staff.id, me.id));
    const actor = (await getStaffActorById(db, { staffId: me.id }))!;
    const result = await as(actor, changeOwnPassword, {
      currentPassword: me.password,
      newPassword: "a brand new passphrase",
      confirmPassword: "a brand new passphrase",
    });
    expect(result).toMatchObject({ ok: true });
    const row = await staffRow(me.id);
    expect(row.mustChangePassword).toBe(false);
    expect(row.passwordChangedAt).not.toBeNull();
    expect(await login(me.loginId, me.password)).toEqual({ ok: false, reason: "invalid" });
    expect(await login(me.loginId, "a brand new passphrase")).toEqual({ ok: true, staffId: me.id });
    expect((await getStaffActorById(db, { staffId: me.id }))!.mustChangePassword).toBe(false);
  });
});
