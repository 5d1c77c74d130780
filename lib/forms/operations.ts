import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Transaction } from "@/db";
import { forms, formVersions, type Form } from "@/db/schema/forms";
import { GuardError } from "@/lib/auth/guard";
import { defineOperation } from "@/lib/auth/operation";
import { type FormDefinition, formDefinitionSchema } from "./definition";
import { publishProblems } from "./publish-checks";
import { formCode } from "./validations";

const formId = z.uuid({ error: "様式の指定が正しくありません" });

async function departmentOfForm(tx: Transaction, id: string): Promise<string[]> {
  const [row] = await tx.select({ departmentId: forms.departmentId }).from(forms).where(eq(forms.id, id));
  if (!row) throw new GuardError(404, "様式が見つかりません。");
  return [row.departmentId];
}

async function lockForm(tx: Transaction, id: string): Promise<Form> {
  const [row] = await tx.select().from(forms).where(eq(forms.id, id)).for("update");
  if (!row) throw new GuardError(404, "様式が見つかりません。");
  return row;
}

async function liveDefinition(tx: Transaction, form: Form): Promise<FormDefinition | null> {
  if (!form.liveVersionId) return null;
  const [version] = await tx.select({ definition: formVersions.definition }).from(formVersions).where(eq(formVersions.id, form.liveVersionId));
  return (version?.definition as FormDefinition) ?? null;
}

/** draft → live → live with a draft → archived, read from the columns. */
export function formStatus(form: Pick<Form, "liveVersionId" | "draftDefinition" | "archivedAt">): "draft" | "live" | "live_with_draft" | "archived" {
  if (form.archivedAt) return "archived";
  if (!form.liveVersionId) return "draft";
  return form.draftDefinition ? "live_with_draft" : "live";
}

async function insertForm(tx: Transaction, input: { departmentId: string; code: string; definition: FormDefinition }): Promise<Form> {
  const [row] = await tx
    .insert(forms)
    .values({ departmentId: input.departmentId, code: input.code, title: input.definition.title.ja, draftDefinition: input.definition, draftUpdatedAt: new Date() })
    .onConflictDoNothing({ target: forms.code })
    .returning();
  if (!row) throw new GuardError(409, `様式コード「${input.code}」はすでに使われています。`, { code: ["別の様式コードにしてください"] });
  return row;
}

export const createFormOperation = defineOperation({
  action: "form.manage",
  schema: z.object({ departmentId: z.uuid({ error: "部署を選んでください" }), code: formCode, definition: formDefinitionSchema }),
  departments: (data) => [data.departmentId],
  run: async ({ data, tx }) => {
    const form = await insertForm(tx, data);
    return { result: form, audit: { action: "form.create", entity: "form", entityId: form.id, departmentId: form.departmentId, after: { code: form.code, title: form.title } } };
  },
});

export const saveFormDraftOperation = defineOperation({
  action: "form.manage",
  schema: z.object({ formId, definition: formDefinitionSchema }),
  departments: (data, tx) => departmentOfForm(tx, data.formId),
  run: async ({ data, tx }) => {
    const form = await lockForm(tx, data.formId);
    if (form.archivedAt) throw new GuardError(409, "廃止した様式は編集できません。複製して新しい様式を作ってください。");
    const [saved] = await tx.update(forms).set({ draftDefinition: data.definition, draftUpdatedAt: new Date(), updatedAt: new Date() }).where(eq(forms.id, form.id)).returning();
    return { result: saved!, audit: { action: "form.save_draft", entity: "form", entityId: form.id, departmentId: form.departmentId, after: { status: formStatus(saved!) } } };
  },
});

/** Freezes the draft as the next numbered version; refused with every publish problem named. */
export const publishFormOperation = defineOperation({
  action: "form.manage",
  schema: z.object({ formId }),
  departments: (data, tx) => departmentOfForm(tx, data.formId),
  run: async ({ data, tx, actor }) => {
    const form = await lockForm(tx, data.formId);
    if (form.archivedAt) throw new GuardError(409, "廃止した様式は公開できません。");
    if (!form.draftDefinition) throw new GuardError(409, "公開する下書きがありません。");
    const parsed = formDefinitionSchema.safeParse(form.draftDefinition);
    if (!parsed.success) throw new GuardError(400, "下書きに誤りがあるため公開できません。", { _form: parsed.error.issues.map((i) => i.message) });
    const problems = publishProblems(parsed.data);
    if (problems.length > 0) throw new GuardError(400, `公開できません（${problems.length}件）。${problems[0]}`, { _form: problems });
    const [latest] = await tx.select({ version: formVersions.version }).from(formVersions).where(eq(formVersions.formId, form.id)).orderBy(desc(formVersions.version)).limit(1);
    const version = (latest?.version ?? 0) + 1;
    const [created] = await tx.insert(formVersions).values({ formId: form.id, version, definition: parsed.data, publishedBy: actor.id }).returning();
    await tx.update(forms).set({ liveVersionId: created!.id, draftDefinition: null, draftUpdatedAt: null, title: parsed.data.title.ja, updatedAt: new Date() }).where(eq(forms.id, form.id));
    return { result: created!, audit: { action: "form.publish", entity: "form", entityId: form.id, departmentId: form.departmentId, before: { version: latest?.version ?? null }, after: { version, versionId: created!.id } } };
  },
});

export const archiveFormOperation = defineOperation({
  action: "form.manage",
  schema: z.object({ formId }),
  departments: (data, tx) => departmentOfForm(tx, data.formId),
  run: async ({ data, tx }) => {
    const form = await lockForm(tx, data.formId);
    if (form.archivedAt) throw new GuardError(409, "この様式はすでに廃止されています。");
    if (!form.liveVersionId) throw new GuardError(409, "公開していない様式は廃止できません。下書きのまま残すか、削除せずに置いてください。");
    await tx.update(forms).set({ archivedAt: new Date(), draftDefinition: null, draftUpdatedAt: null, updatedAt: new Date() }).where(eq(forms.id, form.id));
    return { result: { formId: form.id }, audit: { action: "form.archive", entity: "form", entityId: form.id, departmentId: form.departmentId, before: { status: formStatus(form) }, after: { status: "archived" } } };
  },
});

export const copyFormOperation = defineOperation({
  action: "form.manage",
  schema: z.object({ formId, code: formCode }),
  departments: (data, tx) => departmentOfForm(tx, data.formId),
  run: async ({ data, tx }) => {
    const source = await lockForm(tx, data.formId);
    const definition = (source.draftDefinition as FormDefinition | null) ?? (await liveDefinition(tx, source));
    if (!definition) throw new GuardError(409, "複製できる内容がありません。");
    const copy = await insertForm(tx, { departmentId: source.departmentId, code: data.code, definition });
    return { result: copy, audit: { action: "form.copy", entity: "form", entityId: copy.id, departmentId: copy.departmentId, after: { from: source.id, code: copy.code } } };
  },
});

/** Version history: an earlier version becomes the draft, to be published as the next version. */
export const revertFormOperation = defineOperation({
  action: "form.manage",
  schema: z.object({ formId, version: z.coerce.number().int().min(1, { error: "版を選んでください" }) }),
  departments: (data, tx) => departmentOfForm(tx, data.formId),
  run: async ({ data, tx }) => {
    const form = await lockForm(tx, data.formId);
    if (form.archivedAt) throw new GuardError(409, "廃止した様式は編集できません。");
    const [version] = await tx.select().from(formVersions).where(and(eq(formVersions.formId, form.id), eq(formVersions.version, data.version)));
    if (!version) throw new GuardError(404, `第${data.version}版が見つかりません。`);
    await tx.update(forms).set({ draftDefinition: version.definition, draftUpdatedAt: new Date(), updatedAt: sql`now()` }).where(eq(forms.id, form.id));
    return { result: { formId: form.id }, audit: { action: "form.revert", entity: "form", entityId: form.id, departmentId: form.departmentId, after: { draftFromVersion: data.version } } };
  },
});
