import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { formDrafts, forms, formVersions, type FormDraft } from "@/db/schema/forms";
import { defineResidentOperation } from "@/lib/residents/guard";
import { ResidentRefusal } from "@/lib/residents/errors";
import { unstorableJsonText } from "@/lib/validation/text";
import type { FormDefinition } from "./definition";

export type DraftWithVersion = { draft: FormDraft; definition: FormDefinition; version: number };

/**
 * Save and return: one draft per resident and form, kept on the version the resident started with even after a
 * newer version is published (the foreign key holds it there); an expired draft is replaced by a fresh one.
 */
export const startOrResumeDraftOperation = defineResidentOperation({
  action: "form.draft_start",
  schema: z.object({ formId: z.uuid() }),
  run: async ({ data, tx, resident }) => {
    const [existing] = await tx.select().from(formDrafts).where(and(eq(formDrafts.formId, data.formId), eq(formDrafts.residentId, resident.id))).for("update");
    if (existing && existing.expiresAt > new Date()) {
      const [version] = await tx.select().from(formVersions).where(eq(formVersions.id, existing.versionId));
      return { result: { draft: existing, definition: version!.definition as FormDefinition, version: version!.version, resumed: true }, audit: { action: "form.draft_resume", entity: "form_draft", entityId: existing.id, after: { formId: data.formId, version: version!.version } } };
    }
    const [form] = await tx.select().from(forms).where(and(eq(forms.id, data.formId), isNull(forms.archivedAt)));
    if (!form?.liveVersionId) throw new ResidentRefusal(404, { code: "invalid" });
    const [version] = await tx.select().from(formVersions).where(eq(formVersions.id, form.liveVersionId));
    const definition = version!.definition as FormDefinition;
    const expiresAt = sql`now() + make_interval(days => ${definition.draftDays})`;
    if (existing) await tx.delete(formDrafts).where(eq(formDrafts.id, existing.id));
    const [draft] = await tx.insert(formDrafts).values({ formId: form.id, versionId: version!.id, residentId: resident.id, expiresAt }).returning();
    return { result: { draft: draft!, definition, version: version!.version, resumed: false }, audit: { action: "form.draft_start", entity: "form_draft", entityId: draft!.id, departmentId: form.departmentId, after: { formId: form.id, version: version!.version } } };
  },
});

/** Saves the answers so far (checked per page by the caller's schema) and extends the draft's life. */
export const saveDraftAnswersOperation = defineResidentOperation({
  action: "form.draft_save",
  schema: z.object({
    draftId: z.uuid({ error: "下書きの指定が正しくありません" }),
    // Kept whole in jsonb: text PostgreSQL cannot hold (NUL, lone surrogates) is refused here, keys included.
    answers: z.record(z.string().max(40, { error: "回答の項目名が長すぎます" }), z.unknown()).superRefine((answers, context) => {
      const problem = unstorableJsonText(answers, "回答");
      if (problem) context.addIssue({ code: "custom", message: problem });
    }),
    pageId: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { error: "ページの指定が正しくありません" }).nullable(),
  }),
  run: async ({ data, tx, resident }) => {
    const [draft] = await tx.select({ formId: formDrafts.formId, versionId: formDrafts.versionId }).from(formDrafts).where(and(eq(formDrafts.id, data.draftId), eq(formDrafts.residentId, resident.id), gt(formDrafts.expiresAt, new Date())));
    if (!draft) throw new ResidentRefusal(404, { code: "invalid" });
    const [version] = await tx.select({ definition: formVersions.definition }).from(formVersions).where(eq(formVersions.id, draft.versionId));
    const days = (version!.definition as FormDefinition).draftDays;
    const [saved] = await tx
      .update(formDrafts)
      .set({ answers: data.answers, pageId: data.pageId, updatedAt: new Date(), reminderSentAt: null, expiresAt: sql`now() + make_interval(days => ${days})` })
      .where(eq(formDrafts.id, data.draftId))
      .returning();
    return { result: saved!, audit: { action: "form.draft_save", entity: "form_draft", entityId: saved!.id, after: { pageId: data.pageId, answered: Object.keys(data.answers).length } } };
  },
});
