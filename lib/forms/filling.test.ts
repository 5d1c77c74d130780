import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLog } from "@/db/schema/audit";
import { formDrafts } from "@/db/schema/forms";
import { runGuarded } from "@/lib/auth/guard";
import type { StaffActor } from "@/lib/auth/permissions";
import { runResidentGuarded } from "@/lib/residents/guard";
import { createActor, createDepartment, uniqueSuffix } from "@/lib/testing/factories";
import { createResident, createVerification } from "@/lib/testing/program-factories";
import { KOSEKI_FORM, SURVEY_FORM } from "./demo-definitions";
import { formDefinitionSchema, type FormDefinitionInput } from "./definition";
import { startOrResumeDraftOperation } from "./drafts";
import { getResidentDraft, saveDraftPageOperation } from "./filling";
import { createFormOperation, publishFormOperation, saveFormDraftOperation } from "./operations";
import { firstIncompletePageAfter, resumeTarget } from "./page-answers";
import { jpkiPurposeOf } from "./submissions";

let admin: StaffActor;
let departmentId: string;
beforeAll(async () => {
  departmentId = (await createDepartment()).id;
  admin = await createActor([{ departmentId, role: "dept_admin" }]);
});

async function liveForm(definition: FormDefinitionInput) {
  const created = await runGuarded({ actor: admin, requestId: null }, createFormOperation, { departmentId, code: `f-${uniqueSuffix()}`, definition });
  if (!created.ok) throw new Error(created.error);
  await runGuarded({ actor: admin, requestId: null }, publishFormOperation, { formId: created.data.id });
  return created.data;
}

async function residentWithDraft(definition: FormDefinitionInput) {
  const form = await liveForm(definition);
  const resident = await createResident();
  const context = { resident: { id: resident.id, lineUserId: resident.lineUserId, displayName: null }, requestId: null };
  const started = await runResidentGuarded(context, startOrResumeDraftOperation, { formId: form.id });
  if (!started.ok) throw new Error(started.error);
  const save = (pageId: string, answers: unknown, locale = "ja") => runResidentGuarded(context, saveDraftPageOperation, { draftId: started.data.draft.id, pageId, answers, locale });
  return { form, resident, context, draftId: started.data.draft.id, save };
}

async function draftRow(draftId: string) {
  const [row] = await (await getDb()).select().from(formDrafts).where(eq(formDrafts.id, draftId));
  return row!;
}

async function saveAudits(draftId: string) {
  return (await getDb()).select().from(auditLog).where(and(eq(auditLog.action, "form.draft_save"), eq(auditLog.entityId, draftId)));
}

describe("saving one screen of a draft", () => {
  it("refuses bad answers with the question named in the resident's language, and writes nothing", async () => {
    const { draftId, save } = await residentWithDraft(SURVEY_FORM);
    const before = await draftRow(draftId);
    const notAnOption = await save("travel", { travel: "plane" }, "en");
    expect(notAnOption).toMatchObject({ ok: false, status: 400, fieldErrors: { travel: [expect.stringContaining("How do you usually travel?")] } });
    const missing = await save("travel", {});
    expect(missing).toMatchObject({ ok: false, status: 400, fieldErrors: { travel: ["「ふだんの移動手段」を入力してください"] } });
    // An answer to a question of another page is not this screen's to save.
    expect(await save("travel", { travel: "bus", bus_trips: 3 })).toMatchObject({ ok: false, status: 400, fieldErrors: { bus_trips: [expect.any(String)] } });
    const after = await draftRow(draftId);
    expect(after.answers).toEqual({});
    expect(after.pageId).toBeNull();
    expect(after.updatedAt).toEqual(before.updatedAt);
    expect(await saveAudits(draftId)).toHaveLength(0);
  });

  it("follows the routing: the next page skips the pages the answers route around, and a skipped page cannot be saved", async () => {
    const { draftId, save } = await residentWithDraft(SURVEY_FORM);
    expect(await save("travel", { travel: "bus" })).toMatchObject({ ok: true, data: { nextPageId: "bus" } });
    // "walk" is not on the route of a bus traveller.
    expect(await save("walk", { walk_issue: "段差" })).toMatchObject({ ok: false, status: 404 });
    expect(await save("bus", { bus_trips: "4" })).toMatchObject({ ok: true, data: { nextPageId: "comment" } });
    expect((await draftRow(draftId)).answers).toEqual({ travel: "bus", bus_trips: 4 });
    // Changing the first answer drops the answers of the page the new route no longer passes.
    expect(await save("travel", { travel: "car" })).toMatchObject({ ok: true, data: { nextPageId: "car" } });
    expect((await draftRow(draftId)).answers).toEqual({ travel: "car" });
    expect(await save("car", { car_parking: ["station"] })).toMatchObject({ ok: true, data: { nextPageId: "comment" } });
    expect(await save("comment", {})).toMatchObject({ ok: true, data: { nextPageId: null } });
    expect(await saveAudits(draftId)).toHaveLength(5);
  });

  it("a change made from check-your-answers goes back there, through any page the change left unanswered", async () => {
    const { save } = await residentWithDraft(SURVEY_FORM);
    await save("travel", { travel: "bus" });
    await save("bus", { bus_trips: 3 });
    expect(await save("comment", { comment: "便を増やしてほしい" })).toMatchObject({ ok: true, data: { nextPageId: null, nextAfterChangePageId: null } });
    // Changing the trips: the rest of the route is answered, so straight back to check (the next page would be comment).
    expect(await save("bus", { bus_trips: 5 })).toMatchObject({ ok: true, data: { nextPageId: "comment", nextAfterChangePageId: null } });
    // Changing the travel to car routes through the car page, not answered yet: the change stops there.
    expect(await save("travel", { travel: "car" })).toMatchObject({ ok: true, data: { nextPageId: "car", nextAfterChangePageId: "car" } });
  });

  it("the change rule on a required page: a later required answer that is missing stops the return", () => {
    const definition = formDefinitionSchema.parse({ ...SURVEY_FORM, pages: SURVEY_FORM.pages.map((p) => (p.id === "comment" ? { ...p, questions: p.questions.map((q) => ({ ...q, required: true })) } : p)) });
    const index = (id: string) => definition.pages.findIndex((p) => p.id === id);
    const everyPage = definition.pages.map((_, i) => i);
    // A page not on the route before the change is shown, even when all its questions are optional.
    expect(firstIncompletePageAfter(definition, { travel: "walk" }, index("travel"), { visited: [index("travel"), index("bus"), index("comment")] })).toBe(index("walk"));
    // Visited before, but a required answer is missing now: shown.
    expect(firstIncompletePageAfter(definition, { travel: "walk" }, index("walk"), { visited: everyPage })).toBe(index("comment"));
    expect(firstIncompletePageAfter(definition, { travel: "walk", comment: "段差が多い" }, index("walk"), { visited: everyPage })).toBeNull();
  });

  it("resumes on the saved page after leaving, with the answers kept", async () => {
    const { form, resident, context, draftId, save } = await residentWithDraft(KOSEKI_FORM);
    // The identity page needs the card first.
    expect(await save("applicant", {})).toMatchObject({ ok: false, resident: { code: "verification_missing" } });
    await createVerification({ residentId: resident.id, purpose: jpkiPurposeOf(form.id), identity: { name: "役場 太郎", address: "北海道上川郡当麻町3条東2丁目11番1号", birthdate: "1980-04-01", gender: "male" } });
    expect(await save("applicant", {})).toMatchObject({ ok: true, data: { nextPageId: "relation" } });
    expect(await save("relation", { relation: "self" })).toMatchObject({ ok: true, data: { nextPageId: "certificates" } });
    const rows = [{ kind: "tohon", copies: "2" }];
    expect(await save("certificates", { honseki: "北海道上川郡当麻町", head: "役場 太郎", certificates: rows })).toMatchObject({ ok: true, data: { nextPageId: "purpose" } });
    const resumed = await runResidentGuarded(context, startOrResumeDraftOperation, { formId: form.id });
    expect(resumed).toMatchObject({ ok: true, data: { resumed: true, draft: { id: draftId, pageId: "purpose" } } });
    if (!resumed.ok) return;
    expect(resumeTarget(resumed.data.definition, resumed.data.draft)).toEqual({ page: "purpose" });
    // The identity is never stored in the draft: it comes from the card at filing.
    expect(resumed.data.draft.answers).toEqual({ relation: "self", honseki: "北海道上川郡当麻町", head: "役場 太郎", certificates: [{ kind: "tohon", copies: 2 }] });
  });

  it("keeps saving on the version the draft was started on after the form is republished", async () => {
    const { form, resident, draftId, save } = await residentWithDraft(SURVEY_FORM);
    expect(await save("travel", { travel: "walk" })).toMatchObject({ ok: true, data: { nextPageId: "walk" } });
    // Version 2 drops the "walk" page: the resident on version 1 still saves it and routes on as before.
    const v2 = { ...SURVEY_FORM, title: { ...SURVEY_FORM.title, ja: "まちの交通アンケート（第2版）" }, pages: SURVEY_FORM.pages.filter((p) => p.id !== "walk") };
    expect(await runGuarded({ actor: admin, requestId: null }, saveFormDraftOperation, { formId: form.id, definition: v2 })).toMatchObject({ ok: true });
    expect(await runGuarded({ actor: admin, requestId: null }, publishFormOperation, { formId: form.id })).toMatchObject({ ok: true });
    expect(await save("walk", { walk_issue: "歩道の段差" })).toMatchObject({ ok: true, data: { nextPageId: "comment" } });
    const found = await getResidentDraft(await getDb(), { residentId: resident.id, formId: form.id });
    expect(found).toMatchObject({ version: 1, draft: { id: draftId, answers: { travel: "walk", walk_issue: "歩道の段差" }, pageId: "comment" } });
    expect(found!.definition.title.ja).toBe("まちの交通アンケート");
  });
});
