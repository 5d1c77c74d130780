import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLog } from "@/db/schema/audit";
import { departments } from "@/db/schema/departments";
import { runGuarded } from "@/lib/auth/guard";
import type { StaffActor } from "@/lib/auth/permissions";
import { createActor, createDepartment as createDepartmentRow, uniqueSuffix } from "@/lib/testing/factories";
import { createDepartment, updateDepartment, updateDepartmentSettings } from "./operations";

let home: { id: string };
let systemAdmin: StaffActor;
let deptAdmin: StaffActor;

beforeAll(async () => {
  home = await createDepartmentRow();
  systemAdmin = await createActor([{ departmentId: home.id, role: "system_admin" }]);
  deptAdmin = await createActor([{ departmentId: home.id, role: "dept_admin" }]);
});

async function countDepartments() {
  const db = await getDb();
  return (await db.select({ n: sql<number>`count(*)::int` }).from(departments))[0]!.n;
}

async function countAudit(action: string) {
  const db = await getDb();
  return (await db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(eq(auditLog.action, action)))[0]!.n;
}

const asAdmin = (spec: Parameters<typeof runGuarded>[1], input: unknown) => runGuarded({ actor: systemAdmin, requestId: null }, spec, input);

describe("department operations", () => {
  it("a system_admin creates a department; the entry is audited", async () => {
    const code = `d-${uniqueSuffix()}`;
    const result = await asAdmin(createDepartment, { name: `防災課${code}`, code, site: "支所" });
    expect(result).toMatchObject({ ok: true, data: { code, site: "支所", active: true } });
    const id = (result as { data: { id: string } }).data.id;
    const db = await getDb();
    const entries = await db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(entries).toMatchObject([{ action: "department.create", actorId: systemAdmin.id, after: expect.objectContaining({ code }) }]);
  });

  it("a duplicate name or code is a 409 on that field, and nothing is written", async () => {
    const existing = await createDepartmentRow();
    const [row] = await (await getDb()).select().from(departments).where(eq(departments.id, existing.id));
    const [before, auditBefore] = [await countDepartments(), await countAudit("department.create")];
    expect(await asAdmin(createDepartment, { name: row!.name, code: `d-${uniqueSuffix()}`, site: "本庁舎" })).toMatchObject({
      ok: false,
      status: 409,
      fieldErrors: { name: ["同じ名前の部署がすでにあります"] },
    });
    expect(await asAdmin(createDepartment, { name: `別名${uniqueSuffix()}`, code: row!.code, site: "本庁舎" })).toMatchObject({
      ok: false,
      status: 409,
      fieldErrors: { code: ["同じコードの部署がすでにあります"] },
    });
    expect(await countDepartments()).toBe(before);
    expect(await countAudit("department.create")).toBe(auditBefore);
  });

  it("updating to another department's name or code is a 409 and leaves the row as it was", async () => {
    const a = await createDepartmentRow();
    const b = await createDepartmentRow();
    const db = await getDb();
    const [rowA] = await db.select().from(departments).where(eq(departments.id, a.id));
    const [rowB] = await db.select().from(departments).where(eq(departments.id, b.id));
    const result = await asAdmin(updateDepartment, { departmentId: b.id, name: rowA!.name, code: rowB!.code, site: "本庁舎", active: true });
    expect(result).toMatchObject({ ok: false, status: 409, fieldErrors: { name: ["同じ名前の部署がすでにあります"] } });
    const codeClash = await asAdmin(updateDepartment, { departmentId: b.id, name: rowB!.name, code: rowA!.code, site: "本庁舎", active: true });
    expect(codeClash).toMatchObject({ ok: false, status: 409, fieldErrors: { code: ["同じコードの部署がすでにあります"] } });
    const [after] = await db.select().from(departments).where(eq(departments.id, b.id));
    expect(after).toEqual(rowB);
  });

  it("a system_admin renames, moves and deactivates a department, with before and after in the audit", async () => {
    const target = await createDepartmentRow();
    const code = `r-${uniqueSuffix()}`;
    const result = await asAdmin(updateDepartment, { departmentId: target.id, name: `改名課${code}`, code, site: "支所", active: false });
    expect(result).toMatchObject({ ok: true, data: { code, site: "支所", active: false } });
    const db = await getDb();
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.entityId, target.id));
    expect(entry).toMatchObject({ action: "department.update", before: expect.objectContaining({ active: true }), after: expect.objectContaining({ active: false, code }) });
  });

  it("a dept_admin cannot create or rename departments", async () => {
    const code = `x-${uniqueSuffix()}`;
    expect(await runGuarded({ actor: deptAdmin, requestId: null }, createDepartment, { name: `不可${code}`, code, site: "本庁舎" })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(
      await runGuarded({ actor: deptAdmin, requestId: null }, updateDepartment, { departmentId: home.id, name: "改名", code, site: "本庁舎", active: true }),
    ).toMatchObject({ ok: false, status: 403 });
  });

  it("a dept_admin updates their own department's settings; an empty phone clears it", async () => {
    const asDeptAdmin = (input: unknown) => runGuarded({ actor: deptAdmin, requestId: null }, updateDepartmentSettings, input);
    expect(await asDeptAdmin({ departmentId: home.id, phone: "0166-58-2111", counterHours: "平日 8:30〜17:15" })).toMatchObject({
      ok: true,
      data: { phone: "0166-58-2111" },
    });
    expect(await asDeptAdmin({ departmentId: home.id, phone: "", counterHours: "" })).toMatchObject({ ok: true, data: { phone: null, counterHours: null } });
  });

  it("keeps the counter hours in やさしい日本語 and English for resident pages; empty ones fall back to the Japanese", async () => {
    const asDeptAdmin = (input: unknown) => runGuarded({ actor: deptAdmin, requestId: null }, updateDepartmentSettings, input);
    const saved = await asDeptAdmin({ departmentId: home.id, phone: "", counterHours: "平日 8:30〜17:15", counterHoursEasy: "へいじつ 8:30〜17:15", counterHoursEn: "Weekdays 8:30–17:15" });
    expect(saved).toMatchObject({ ok: true, data: { counterHoursTranslations: { "ja-easy": "へいじつ 8:30〜17:15", en: "Weekdays 8:30–17:15" } } });
    expect(await asDeptAdmin({ departmentId: home.id, phone: "", counterHours: "平日 8:30〜17:15", counterHoursEasy: "", counterHoursEn: "Weekdays" })).toMatchObject({
      ok: true,
      data: { counterHoursTranslations: { en: "Weekdays" } },
    });
    expect(await asDeptAdmin({ departmentId: home.id, phone: "", counterHours: "", counterHoursEn: "a\u0007" })).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { counterHoursEn: ["窓口の受付時間（英語）に使えない制御文字が含まれています"] },
    });
    const db = await getDb();
    await expect(db.execute(`update departments set counter_hours_translations = '"x"'::jsonb where id = '${home.id}'`)).rejects.toThrow();
  });

  it("rejects bad codes with a Japanese field error", async () => {
    expect(await asAdmin(createDepartment, { name: "大文字", code: "Soumu", site: "本庁舎" })).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { code: ["部署コードは半角英小文字・数字・ハイフンの2〜32文字にしてください"] },
    });
  });
});
