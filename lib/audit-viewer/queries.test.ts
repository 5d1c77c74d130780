import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLog } from "@/db/schema/audit";
import { runGuarded } from "@/lib/auth/guard";
import type { StaffActor } from "@/lib/auth/permissions";
import { createActor, createDepartment, createStaff, uniqueSuffix } from "@/lib/testing/factories";
import { formatWarekiDateTime } from "./format";
import { getAuditEntries } from "./queries";
import { searchAuditLog, viewAuditEntry } from "./operations";
import { auditSearchParamsSchema } from "./validations";

// Every row this file writes carries its own entity name, so a shared PostgreSQL database never disturbs it.
const ENTITY = `qtest_${uniqueSuffix()}`;
let department: { id: string };
let otherDepartment: { id: string };
let named: { id: string; loginId: string };
let admin: StaffActor;

const params = (input: Record<string, unknown>) => auditSearchParamsSchema.parse({ entity: ENTITY, ...input });
const ids = (rows: { entityId: string | null }[]) => rows.map((row) => row.entityId);

beforeAll(async () => {
  department = await createDepartment();
  otherDepartment = await createDepartment();
  named = await createStaff({ memberships: [{ departmentId: department.id, role: "reviewer" }], displayName: "検索 花子" });
  const systemDepartment = await createDepartment();
  admin = await createActor([{ departmentId: systemDepartment.id, role: "system_admin" }]);
  const db = await getDb();
  const base = { actorType: "staff" as const, entity: ENTITY, requestId: null };
  await db.insert(auditLog).values([
    // 2026-03-31 23:59:59 JST, just before the range tested below
    { ...base, entityId: "e1", at: new Date("2026-03-31T14:59:59Z"), actorId: named.id, actorLabel: "検索 花子", action: "staff.create", departmentId: department.id },
    // 2026-04-01 00:00:00 JST, the first instant of 4月1日
    { ...base, entityId: "e2", at: new Date("2026-03-31T15:00:00Z"), actorId: named.id, actorLabel: "検索 花子", action: "staff.view", departmentId: department.id },
    // 2026-04-30 23:59:59 JST, the last instant of 4月30日
    { ...base, entityId: "e3", at: new Date("2026-04-30T14:59:59Z"), actorId: null, actorLabel: "someone@other.example", actorType: "anonymous", action: "auth.login_failed", departmentId: null },
    // 2026-05-01 00:00:00 JST
    { ...base, entityId: "e4", at: new Date("2026-04-30T15:00:00Z"), actorId: "system", actorLabel: "db:seed", actorType: "system", action: "auth.locked", departmentId: otherDepartment.id, before: { a: 1 }, after: { a: 2 } },
    { ...base, entityId: "e5", at: new Date("2026-05-02T00:00:00Z"), actorId: null, actorLabel: "100%_sure", actorType: "anonymous", action: "authx.other", departmentId: null },
  ]);
});

describe("getAuditEntries filters", () => {
  it("by actor: display name, today's login id, actor id, and the recorded label", async () => {
    const db = await getDb();
    expect(ids((await getAuditEntries(db, params({ actor: "検索", sort: "at", dir: "asc" }))).rows)).toEqual(["e1", "e2"]);
    expect(ids((await getAuditEntries(db, params({ actor: named.loginId.toUpperCase(), dir: "asc" }))).rows)).toEqual(["e1", "e2"]);
    expect(ids((await getAuditEntries(db, params({ actor: named.id, dir: "asc" }))).rows)).toEqual(["e1", "e2"]);
    expect(ids((await getAuditEntries(db, params({ actor: "other.example" }))).rows)).toEqual(["e3"]);
  });

  it("treats % and _ in the actor search literally", async () => {
    const db = await getDb();
    expect(ids((await getAuditEntries(db, params({ actor: "100%_" }))).rows)).toEqual(["e5"]);
    expect(ids((await getAuditEntries(db, params({ actor: "%" }))).rows)).toEqual(["e5"]);
  });

  it("by action: exact name, or a dotted prefix (auth → auth.*, but not authx.*)", async () => {
    const db = await getDb();
    expect(ids((await getAuditEntries(db, params({ action: "staff.view" }))).rows)).toEqual(["e2"]);
    expect(ids((await getAuditEntries(db, params({ action: "auth", dir: "asc" }))).rows)).toEqual(["e3", "e4"]);
    expect(ids((await getAuditEntries(db, params({ action: "staff", dir: "asc" }))).rows)).toEqual(["e1", "e2"]);
  });

  it("by entity and entity id", async () => {
    const db = await getDb();
    expect(ids((await getAuditEntries(db, params({ entityId: "e4" }))).rows)).toEqual(["e4"]);
    expect((await getAuditEntries(db, params({ entity: `${ENTITY}_none` }))).total).toBe(0);
  });

  it("by department", async () => {
    const db = await getDb();
    expect(ids((await getAuditEntries(db, params({ departmentId: department.id, dir: "asc" }))).rows)).toEqual(["e1", "e2"]);
    const other = await getAuditEntries(db, params({ departmentId: otherDepartment.id }));
    expect(other.rows).toMatchObject([{ entityId: "e4", departmentName: expect.stringContaining("テスト課"), hasChanges: true }]);
  });

  it("by date range in Japan time, both ends inclusive calendar days", async () => {
    const db = await getDb();
    const april = await getAuditEntries(db, params({ from: "2026-04-01", to: "2026-04-30", dir: "asc" }));
    expect(ids(april.rows)).toEqual(["e2", "e3"]);
    expect(ids((await getAuditEntries(db, params({ from: "2026-05-01", dir: "asc" }))).rows)).toEqual(["e4", "e5"]);
    expect(ids((await getAuditEntries(db, params({ to: "2026-03-31" }))).rows)).toEqual(["e1"]);
  });

  it("sorts and pages in the database, with the total for the pager", async () => {
    const db = await getDb();
    const first = await getAuditEntries(db, params({ sort: "at", dir: "desc", pageSize: "20", page: "1" }));
    expect(first.total).toBe(5);
    expect(ids(first.rows)).toEqual(["e5", "e4", "e3", "e2", "e1"]);
    const byAction = await getAuditEntries(db, params({ sort: "action", dir: "asc" }));
    expect(byAction.rows.map((r) => r.action)).toEqual(["auth.locked", "auth.login_failed", "authx.other", "staff.create", "staff.view"]);
    const db2 = await getDb();
    const third = await getAuditEntries(db2, { ...params({ dir: "asc" }), pageSize: 2, page: 3 });
    expect(third).toMatchObject({ total: 5 });
    expect(ids(third.rows)).toEqual(["e5"]);
  });
});

describe("search parameters", () => {
  it("fall back to defaults for hand-edited sorting and paging", () => {
    expect(auditSearchParamsSchema.parse({ sort: "password", dir: "sideways", page: "-3", pageSize: "7" })).toMatchObject({
      sort: "at",
      dir: "desc",
      page: 1,
      pageSize: 20,
    });
  });

  it("reject bad filters with Japanese messages", () => {
    const result = auditSearchParamsSchema.safeParse({ from: "2026-04-31", to: "2026/05/01", departmentId: "x", action: "drop table" });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        "from: 開始日に存在しない日付が指定されています",
        "to: 終了日は 2026-04-01 の形で入力してください",
        "departmentId: 部署を一覧から選んでください",
        "action: 操作は英数字・ピリオド・下線で入力してください（例: staff.create）",
      ]),
    );
    const reversed = auditSearchParamsSchema.safeParse({ from: "2026-05-01", to: "2026-04-01" });
    expect(reversed.error?.issues[0]).toMatchObject({ path: ["to"], message: "終了日は開始日と同じか後の日付にしてください" });
  });

  it("treat empty form fields as unset", () => {
    expect(auditSearchParamsSchema.parse({ actor: "", action: "", entity: "", entityId: "", departmentId: "", from: "", to: "" })).toMatchObject({
      actor: undefined,
      departmentId: undefined,
      from: undefined,
    });
  });
});

describe("searching the audit log is itself audited", () => {
  it("a search appends an audit.search entry with the filters, by the searching admin", async () => {
    const requestId = `req-${uniqueSuffix()}`;
    const result = await runGuarded({ actor: admin, requestId }, searchAuditLog, { entity: ENTITY, action: "auth" });
    expect(result).toMatchObject({ ok: true, data: { total: 2 } });
    const db = await getDb();
    const entries = await db.select().from(auditLog).where(eq(auditLog.requestId, requestId));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: "audit.search",
      actorId: admin.id,
      entity: "audit_log",
      after: expect.objectContaining({ filters: expect.objectContaining({ entity: ENTITY, action: "auth" }), total: 2 }),
    });
  });

  it("opening one entry appends audit.view naming it; a missing entry is 404", async () => {
    const db = await getDb();
    const [target] = await db.select().from(auditLog).where(eq(auditLog.entityId, "e4"));
    const requestId = `req-${uniqueSuffix()}`;
    const result = await runGuarded({ actor: admin, requestId }, viewAuditEntry, { entryId: String(target!.id) });
    expect(result).toMatchObject({ ok: true, data: { before: { a: 1 }, after: { a: 2 } } });
    const entries = await db.select().from(auditLog).where(eq(auditLog.requestId, requestId));
    expect(entries).toMatchObject([{ action: "audit.view", entity: "audit_log", entityId: String(target!.id) }]);
    expect(await runGuarded({ actor: admin, requestId }, viewAuditEntry, { entryId: "999999999" })).toMatchObject({ ok: false, status: 404 });
  });

  it("a department admin and a reviewer get 403 and nothing is written", async () => {
    const deptAdmin = await createActor([{ departmentId: department.id, role: "dept_admin" }]);
    const reviewer = await createActor([{ departmentId: department.id, role: "reviewer" }]);
    const requestId = `req-${uniqueSuffix()}`;
    for (const actor of [deptAdmin, reviewer]) {
      expect(await runGuarded({ actor, requestId }, searchAuditLog, {})).toMatchObject({ ok: false, status: 403 });
    }
    const db = await getDb();
    expect(await db.select().from(auditLog).where(eq(auditLog.requestId, requestId))).toHaveLength(0);
  });
});

describe("date display", () => {
  it("shows Japan time in 和暦 with a 24-hour clock", () => {
    expect(formatWarekiDateTime(new Date("2026-03-31T15:00:00Z"))).toBe("令和8年4月1日 00:00:00");
    expect(formatWarekiDateTime(new Date("2019-05-01T05:07:09Z"))).toBe("令和元年5月1日 14:07:09");
  });
});
