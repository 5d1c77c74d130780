import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLog } from "@/db/schema/audit";
import { departments } from "@/db/schema/departments";
import { createActor, createDepartment, createStaff } from "@/lib/testing/factories";
import { updateDepartmentSettings } from "@/lib/departments/operations";
import { viewStaff } from "@/lib/staff/operations";
import { runGuarded } from "./guard";
import type { StaffActor } from "./permissions";

let kosodate: { id: string };
let hokenFukushi: { id: string };
let kosodateReviewer: StaffActor;
let kosodateAdmin: StaffActor;
let hokenCounter: StaffActor;

async function auditCountFor(entityId: string) {
  const db = await getDb();
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(eq(auditLog.entityId, entityId));
  return row!.n;
}

beforeAll(async () => {
  kosodate = await createDepartment();
  hokenFukushi = await createDepartment();
  kosodateReviewer = await createActor([{ departmentId: kosodate.id, role: "reviewer" }]);
  kosodateAdmin = await createActor([{ departmentId: kosodate.id, role: "dept_admin" }]);
  hokenCounter = await createActor([{ departmentId: hokenFukushi.id, role: "counter" }]);
});

const settings = (departmentId: string) => ({ departmentId, phone: "0166-58-2111", counterHours: "平日 8:30〜17:15" });

describe("guard", () => {
  it("401 without a session, nothing written", async () => {
    const result = await runGuarded({ actor: null, requestId: "r1" }, updateDepartmentSettings, settings(kosodate.id));
    expect(result).toMatchObject({ ok: false, status: 401 });
    expect(await auditCountFor(kosodate.id)).toBe(0);
  });

  it("403 for a role that lacks the action anywhere (a counter clerk cannot change department settings)", async () => {
    const result = await runGuarded({ actor: hokenCounter, requestId: "r2" }, updateDepartmentSettings, settings(hokenFukushi.id));
    expect(result).toMatchObject({ ok: false, status: 403, error: "この操作を行う権限がありません。" });
  });

  it("403 when a department admin acts on another department's data, nothing written", async () => {
    const result = await runGuarded({ actor: kosodateAdmin, requestId: "r3" }, updateDepartmentSettings, settings(hokenFukushi.id));
    expect(result).toMatchObject({ ok: false, status: 403 });
    const db = await getDb();
    const [row] = await db.select().from(departments).where(eq(departments.id, hokenFukushi.id));
    expect(row!.phone).toBeNull();
    expect(await auditCountFor(hokenFukushi.id)).toBe(0);
  });

  it("a 子育て支援課 reviewer gets 403 on 保健福祉課 staff data, and on their own (reviewers do not manage staff)", async () => {
    const target = await createStaff({ memberships: [{ departmentId: hokenFukushi.id, role: "reviewer" }] });
    const other = await runGuarded({ actor: kosodateReviewer, requestId: null }, viewStaff, { staffId: target.id });
    expect(other).toMatchObject({ ok: false, status: 403 });
    const adminOther = await runGuarded({ actor: kosodateAdmin, requestId: null }, viewStaff, { staffId: target.id });
    expect(adminOther).toMatchObject({ ok: false, status: 403 });
    expect(await auditCountFor(target.id)).toBe(0);
  });

  it("404 for an unknown target, never a leak of whether it exists elsewhere", async () => {
    const result = await runGuarded({ actor: kosodateAdmin, requestId: null }, viewStaff, {
      staffId: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
    });
    expect(result).toMatchObject({ ok: false, status: 404 });
  });

  it("400 with field errors in Japanese for bad input, nothing written", async () => {
    const result = await runGuarded({ actor: kosodateAdmin, requestId: null }, updateDepartmentSettings, {
      departmentId: kosodate.id,
      phone: "abc",
      counterHours: "",
    });
    expect(result).toMatchObject({ ok: false, status: 400, fieldErrors: { phone: ["電話番号は 0166-58-2111 の形で入力してください"] } });
    expect(await auditCountFor(kosodate.id)).toBe(0);
  });

  it("a permitted write changes the row and appends exactly one audit entry with who, what, before and after", async () => {
    const result = await runGuarded({ actor: kosodateAdmin, requestId: "req-42" }, updateDepartmentSettings, settings(kosodate.id));
    expect(result.ok).toBe(true);
    const db = await getDb();
    const entries = await db.select().from(auditLog).where(eq(auditLog.entityId, kosodate.id));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorType: "staff",
      actorId: kosodateAdmin.id,
      action: "department.settings.update",
      entity: "department",
      departmentId: kosodate.id,
      requestId: "req-42",
      before: expect.objectContaining({ phone: null }),
      after: expect.objectContaining({ phone: "0166-58-2111" }),
    });
  });

  it("a view of personal data is audited", async () => {
    const target = await createStaff({ memberships: [{ departmentId: kosodate.id, role: "counter" }] });
    const result = await runGuarded({ actor: kosodateAdmin, requestId: null }, viewStaff, { staffId: target.id });
    expect(result).toMatchObject({ ok: true, data: { loginId: target.loginId, hasPassword: true } });
    expect(JSON.stringify(result)).not.toContain("argon2");
    const db = await getDb();
    const entries = await db.select().from(auditLog).where(eq(auditLog.entityId, target.id));
    expect(entries.map((e) => e.action)).toEqual(["staff.view"]);
  });

  it("when the work fails after writing, the whole transaction rolls back, audit included", async () => {
    const failing = {
      ...updateDepartmentSettings,
      async run(args: Parameters<typeof updateDepartmentSettings.run>[0]) {
        await updateDepartmentSettings.run(args);
        throw new Error("boom after write");
      },
    };
    await expect(
      runGuarded({ actor: kosodateAdmin, requestId: null }, failing, { ...settings(kosodate.id), phone: "0120-00-0000" }),
    ).rejects.toThrow("boom after write");
    const db = await getDb();
    const [row] = await db.select().from(departments).where(eq(departments.id, kosodate.id));
    expect(row!.phone).toBe("0166-58-2111");
  });
});

describe("audit log", () => {
  it("rejects UPDATE, DELETE and TRUNCATE at the database", async () => {
    const db = await getDb();
    await expect(db.execute(sql`update audit_log set action = 'tampered'`)).rejects.toThrow();
    await expect(db.execute(sql`delete from audit_log`)).rejects.toThrow();
    await expect(db.execute(sql`truncate audit_log`)).rejects.toThrow();
  });
});

describe("temporary passwords", () => {
  it("a staff member still on a temporary password may only change it", async () => {
    const department = await createDepartment();
    const admin = await createActor([{ departmentId: department.id, role: "dept_admin" }]);
    const restricted = { ...admin, mustChangePassword: true };
    const result = await runGuarded({ actor: restricted, requestId: null }, updateDepartmentSettings, {
      departmentId: department.id,
      phone: "0166-58-2111",
      counterHours: "",
    });
    expect(result).toMatchObject({ ok: false, status: 403, error: "仮パスワードのままです。先にパスワードを変更してください。" });
  });
});

describe("guard: database errors never reach the user", () => {
  it("a driver error inside the work becomes a generic Japanese refusal with the request id; nothing is written", async () => {
    const failing = {
      ...updateDepartmentSettings,
      run: async ({ tx }: { tx: import("@/db").Transaction }) => {
        // A real driver error (NUL in text), raised by the database itself.
        await tx.execute(sql`select ${"a\u0000b"}::text`);
        return { result: null, audit: { action: "department.update_settings", entity: "department", entityId: kosodate.id } };
      },
    };
    const before = await auditCountFor(kosodate.id);
    const result = await runGuarded({ actor: kosodateAdmin, requestId: "req-db-1" }, failing, settings(kosodate.id));
    expect(result).toMatchObject({ ok: false, status: 400 });
    expect(!result.ok && result.error).toMatch(/保存できませんでした.*req-db-1/);
    expect(!result.ok && result.error).not.toMatch(/select|UTF8|0x00|params/i);
    expect(await auditCountFor(kosodate.id)).toBe(before);
  });
});
