import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "@/db";
import { auditLog } from "@/db/schema/audit";
import { formDrafts, forms, formVersions } from "@/db/schema/forms";
import { runGuarded } from "@/lib/auth/guard";
import type { StaffActor } from "@/lib/auth/permissions";
import { runResidentGuarded } from "@/lib/residents/guard";
import { seedDemoData } from "@/lib/seed/demo";
import { seedDemoForms } from "@/lib/seed/demo-forms";
import { createActor, createDepartment, uniqueSuffix } from "@/lib/testing/factories";
import { createResident } from "@/lib/testing/program-factories";
import { formDefinitionSchema, type FormDefinitionInput } from "./definition";
import { SURVEY_FORM } from "./demo-definitions";
import { saveDraftAnswersOperation, startOrResumeDraftOperation } from "./drafts";
import { archiveFormOperation, copyFormOperation, createFormOperation, formStatus, publishFormOperation, revertFormOperation, saveFormDraftOperation } from "./operations";

let admin: StaffActor;
let reviewer: StaffActor;
let otherAdmin: StaffActor;
let departmentId: string;
const as = (actor: StaffActor) => ({ actor, requestId: null });

beforeAll(async () => {
  departmentId = (await createDepartment()).id;
  admin = await createActor([{ departmentId, role: "dept_admin" }]);
  reviewer = await createActor([{ departmentId, role: "reviewer" }]);
  otherAdmin = await createActor([{ departmentId: (await createDepartment()).id, role: "dept_admin" }]);
});

async function newLiveForm(definition: FormDefinitionInput = SURVEY_FORM) {
  const created = await runGuarded(as(admin), createFormOperation, { departmentId, code: `t-${uniqueSuffix()}`, definition });
  if (!created.ok) throw new Error(created.error);
  const published = await runGuarded(as(admin), publishFormOperation, { formId: created.data.id });
  if (!published.ok) throw new Error(published.error);
  return { form: created.data, v1: published.data };
}

async function formRow(id: string) {
  const db = await getDb();
  return (await db.select().from(forms).where(eq(forms.id, id)))[0]!;
}

const withTitle = (ja: string): FormDefinitionInput => ({ ...SURVEY_FORM, title: { ...SURVEY_FORM.title, ja } });

describe("form versions", () => {
  it("goes draft → live → live with a draft → live (next version) → archived, each step audited", async () => {
    const created = await runGuarded(as(admin), createFormOperation, { departmentId, code: `t-${uniqueSuffix()}`, definition: SURVEY_FORM });
    if (!created.ok) throw new Error(created.error);
    expect(formStatus(await formRow(created.data.id))).toBe("draft");
    expect(await runGuarded(as(admin), publishFormOperation, { formId: created.data.id })).toMatchObject({ ok: true, data: { version: 1 } });
    expect(formStatus(await formRow(created.data.id))).toBe("live");
    await runGuarded(as(admin), saveFormDraftOperation, { formId: created.data.id, definition: withTitle("交通アンケート（改訂）") });
    expect(formStatus(await formRow(created.data.id))).toBe("live_with_draft");
    expect(await runGuarded(as(admin), publishFormOperation, { formId: created.data.id })).toMatchObject({ ok: true, data: { version: 2 } });
    expect(await formRow(created.data.id)).toMatchObject({ title: "交通アンケート（改訂）", draftDefinition: null });
    expect(await runGuarded(as(admin), archiveFormOperation, { formId: created.data.id })).toMatchObject({ ok: true });
    expect(formStatus(await formRow(created.data.id))).toBe("archived");
    expect(await runGuarded(as(admin), saveFormDraftOperation, { formId: created.data.id, definition: SURVEY_FORM })).toMatchObject({ ok: false, status: 409 });
    const db = await getDb();
    const actions = (await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, created.data.id))).map((r) => r.action);
    expect(actions).toEqual(["form.create", "form.publish", "form.save_draft", "form.publish", "form.archive"]);
  });

  it("refuses to publish a draft whose routing goes backwards, naming every problem, and writes nothing", async () => {
    const { form } = await newLiveForm();
    const broken = formDefinitionSchema.parse(SURVEY_FORM);
    broken.pages[4]!.routes = [{ when: [{ questionId: "travel", op: "equals", value: "car" }], goTo: "travel" }];
    await runGuarded(as(admin), saveFormDraftOperation, { formId: form.id, definition: broken });
    const result = await runGuarded(as(admin), publishFormOperation, { formId: form.id });
    expect(result).toMatchObject({ ok: false, status: 400, fieldErrors: { _form: ["ページ「comment」の分岐1は前のページ「travel」へ戻っています（分岐は後ろのページへだけ進めます）"] } });
    const db = await getDb();
    expect((await db.select({ n: count() }).from(formVersions).where(eq(formVersions.formId, form.id)))[0]!.n).toBe(1);
  });

  it("only the owning department's admins manage a form", async () => {
    const { form } = await newLiveForm();
    expect(await runGuarded(as(reviewer), saveFormDraftOperation, { formId: form.id, definition: SURVEY_FORM })).toMatchObject({ ok: false, status: 403 });
    expect(await runGuarded(as(otherAdmin), publishFormOperation, { formId: form.id })).toMatchObject({ ok: false, status: 403 });
  });

  it("copies a form and reverts to an earlier version as a new draft; published snapshots are frozen", async () => {
    const { form, v1 } = await newLiveForm();
    await runGuarded(as(admin), saveFormDraftOperation, { formId: form.id, definition: withTitle("第2版") });
    await runGuarded(as(admin), publishFormOperation, { formId: form.id });
    expect(await runGuarded(as(admin), revertFormOperation, { formId: form.id, version: 1 })).toMatchObject({ ok: true });
    expect(((await formRow(form.id)).draftDefinition as { title: { ja: string } }).title.ja).toBe(SURVEY_FORM.title.ja);
    const copy = await runGuarded(as(admin), copyFormOperation, { formId: form.id, code: `copy-${uniqueSuffix()}` });
    expect(copy).toMatchObject({ ok: true, data: { departmentId, liveVersionId: null } });
    expect(await runGuarded(as(admin), copyFormOperation, { formId: form.id, code: "Bad Code" })).toMatchObject({ ok: false, status: 400 });
    const db = await getDb();
    await expect(db.update(formVersions).set({ definition: {} }).where(eq(formVersions.id, v1.id))).rejects.toThrow();
    await expect(db.delete(formVersions).where(eq(formVersions.id, v1.id))).rejects.toThrow();
  });

  it("seeds the four demo forms live", async () => {
    const db = await getDb();
    await seedDemoData(db);
    await seedDemoForms(db);
    expect(await seedDemoForms(db)).toEqual({ created: 0 });
    const live = await db.select({ code: forms.code, live: forms.liveVersionId }).from(forms);
    for (const code of ["koseki-shomei", "juminhyo", "sodai-gomi", "kotsu-survey"]) expect(live.find((f) => f.code === code)?.live).toBeTruthy();
  });
});

describe("resident drafts (save and return)", () => {
  it("stay on the version the resident started when a new version is published", async () => {
    const { form, v1 } = await newLiveForm();
    const resident = await createResident();
    const started = await runResidentGuarded(residentActor(resident), startOrResumeDraftOperation, { formId: form.id });
    if (!started.ok) throw new Error(started.error);
    expect(started.data).toMatchObject({ version: 1, resumed: false });
    await runResidentGuarded(residentActor(resident), saveDraftAnswersOperation, { draftId: started.data.draft.id, answers: { travel: "bus" }, pageId: "bus" });
    await runGuarded(as(admin), saveFormDraftOperation, { formId: form.id, definition: withTitle("第2版") });
    await runGuarded(as(admin), publishFormOperation, { formId: form.id });
    const resumed = await runResidentGuarded(residentActor(resident), startOrResumeDraftOperation, { formId: form.id });
    expect(resumed).toMatchObject({ ok: true, data: { version: 1, resumed: true, draft: { versionId: v1.id, answers: { travel: "bus" }, pageId: "bus" } } });
    const newcomer = await runResidentGuarded(residentActor(await createResident()), startOrResumeDraftOperation, { formId: form.id });
    expect(newcomer).toMatchObject({ ok: true, data: { version: 2 } });
  });

  it("belong to their resident only", async () => {
    const { form } = await newLiveForm();
    const owner = await createResident();
    const started = await runResidentGuarded(residentActor(owner), startOrResumeDraftOperation, { formId: form.id });
    if (!started.ok) throw new Error(started.error);
    const other = await createResident();
    expect(await runResidentGuarded(residentActor(other), saveDraftAnswersOperation, { draftId: started.data.draft.id, answers: { travel: "car" }, pageId: null })).toMatchObject({ ok: false, status: 404 });
  });
});

describe.runIf(inject("testDatabaseUrl"))("drafts while a new version is published (PostgreSQL)", () => {
  it("30 residents saving concurrently with two publishes keep every draft on the version it started", async () => {
    const { form, v1 } = await newLiveForm();
    const residents = await Promise.all(Array.from({ length: 30 }, () => createResident()));
    const drafts = await Promise.all(residents.map((r) => runResidentGuarded(residentActor(r), startOrResumeDraftOperation, { formId: form.id })));
    expect(drafts.every((d) => d.ok && d.data.version === 1)).toBe(true);
    await runGuarded(as(admin), saveFormDraftOperation, { formId: form.id, definition: withTitle("第2版") });
    const work = [
      ...residents.map((r, i) => runResidentGuarded(residentActor(r), saveDraftAnswersOperation, { draftId: (drafts[i] as { ok: true; data: { draft: { id: string } } }).data.draft.id, answers: { travel: "walk" }, pageId: "walk" })),
      runGuarded(as(admin), publishFormOperation, { formId: form.id }),
      ...residents.map((r) => runResidentGuarded(residentActor(r), startOrResumeDraftOperation, { formId: form.id })),
    ];
    const results = await Promise.all(work);
    expect(results.every((r) => r.ok)).toBe(true);
    const db = await getDb();
    const rows = await db.select().from(formDrafts).where(eq(formDrafts.formId, form.id));
    expect(rows).toHaveLength(30);
    expect(rows.every((d) => d.versionId === v1.id)).toBe(true);
    expect((await db.select({ n: count() }).from(formVersions).where(and(eq(formVersions.formId, form.id))))[0]!.n).toBe(2);
  });
});

function residentActor(r: { id: string; lineUserId: string }) {
  return { resident: { id: r.id, lineUserId: r.lineUserId, displayName: null }, requestId: null };
}
