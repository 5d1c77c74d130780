import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db";
import { formDrafts, forms, formVersions, type FormDraft } from "@/db/schema/forms";
import { GuardError } from "@/lib/auth/guard";
import { RESIDENT_LOCALES } from "@/lib/i18n/locale";
import { getValidVerification } from "@/lib/jpki/flow";
import { ResidentRefusal } from "@/lib/residents/errors";
import { defineResidentOperation } from "@/lib/residents/guard";
import type { IdentityAnswer } from "./answers";
import type { FormDefinition } from "./definition";
import { firstIncompletePageAfter, mergePageAnswers, isOnPath, validatePageAnswers } from "./page-answers";
import { type Answers, pathOf } from "./routing";
import { jpkiPurposeOf } from "./submissions";

/** A live form residents can file, by its code (the LIFF URL), with its published definition. */
export async function getLiveFormByCode(db: Executor, { code }: { code: string }) {
  const [row] = await db
    .select({ id: forms.id, code: forms.code, departmentId: forms.departmentId, version: formVersions.version, definition: formVersions.definition })
    .from(forms)
    .innerJoin(formVersions, eq(formVersions.id, forms.liveVersionId))
    .where(and(eq(forms.code, code), isNull(forms.archivedAt)));
  return row ? { ...row, definition: row.definition as FormDefinition } : null;
}

/** The resident's unexpired draft of a form, with the definition of the version it was started on. */
export async function getResidentDraft(db: Executor, { residentId, formId }: { residentId: string; formId: string }): Promise<{ draft: FormDraft; definition: FormDefinition; version: number } | null> {
  const [row] = await db
    .select({ draft: formDrafts, definition: formVersions.definition, version: formVersions.version })
    .from(formDrafts)
    .innerJoin(formVersions, eq(formVersions.id, formDrafts.versionId))
    .where(and(eq(formDrafts.formId, formId), eq(formDrafts.residentId, residentId), gt(formDrafts.expiresAt, new Date())));
  return row ? { draft: row.draft, definition: row.definition as FormDefinition, version: row.version } : null;
}

/** Each form the resident has an unexpired draft of, with when it expires (the LIFF list's "saved" notes). */
export async function getResidentDraftExpiries(db: Executor, { residentId }: { residentId: string }): Promise<Map<string, Date>> {
  const rows = await db.select({ formId: formDrafts.formId, expiresAt: formDrafts.expiresAt }).from(formDrafts).where(and(eq(formDrafts.residentId, residentId), gt(formDrafts.expiresAt, new Date())));
  return new Map(rows.map((row) => [row.formId, row.expiresAt]));
}

/** The verified 基本4情報 an identity question shows, when the form asks for the card and the check is still valid. */
export async function getFormIdentity(db: Executor, { residentId, formId }: { residentId: string; formId: string }): Promise<IdentityAnswer | null> {
  const verification = await getValidVerification(db, residentId, jpkiPurposeOf(formId));
  return verification ? { name: verification.name, address: verification.address, birthDate: verification.birthdate, gender: verification.gender } : null;
}

/**
 * Saves one screen: its answers are checked by the same validator the screen runs, merged into the draft, and
 * the draft remembers the next page on the resident's route (null: the route is done, check-your-answers next).
 * Any refusal writes nothing.
 */
export const saveDraftPageOperation = defineResidentOperation({
  action: "form.draft_save",
  schema: z.object({
    draftId: z.uuid({ error: "下書きの指定が正しくありません" }),
    pageId: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { error: "ページの指定が正しくありません" }),
    answers: z.record(z.string().max(40), z.unknown()),
    locale: z.enum(RESIDENT_LOCALES).default("ja"),
  }),
  run: async ({ data, tx, resident }) => {
    const [draft] = await tx.select().from(formDrafts).where(and(eq(formDrafts.id, data.draftId), eq(formDrafts.residentId, resident.id), gt(formDrafts.expiresAt, new Date()))).for("update");
    if (!draft) throw new ResidentRefusal(404, { code: "invalid" });
    const [version] = await tx.select({ definition: formVersions.definition }).from(formVersions).where(eq(formVersions.id, draft.versionId));
    const definition = version!.definition as FormDefinition;
    const pageIndex = definition.pages.findIndex((p) => p.id === data.pageId);
    const saved = draft.answers as Answers;
    if (pageIndex < 0 || !isOnPath(definition, saved, pageIndex)) throw new ResidentRefusal(404, { code: "invalid" });
    const page = definition.pages[pageIndex]!;
    let identity: IdentityAnswer | null = null;
    if (page.questions.some((q) => q.type === "identity")) {
      identity = await getFormIdentity(tx, { residentId: resident.id, formId: draft.formId });
      if (!identity) throw new ResidentRefusal(400, { code: "verification_missing" });
    }
    const checked = validatePageAnswers(definition, pageIndex, data.answers, { locale: data.locale, identity });
    if (!checked.ok) {
      const fieldErrors = Object.fromEntries(checked.problems.map((p) => [p.path, [p.message]]));
      throw new GuardError(400, checked.problems[0]!.message, fieldErrors);
    }
    const { answers, next } = mergePageAnswers(definition, saved, pageIndex, checked.answers);
    const nextPageId = next === null ? null : definition.pages[next]!.id;
    // For a change made from check-your-answers: skip the pages still answered, stop at the first that is not.
    const laterIdentity = definition.pages.some((p, i) => i > pageIndex && p.questions.some((q) => q.type === "identity"));
    const incomplete = firstIncompletePageAfter(definition, answers, pageIndex, {
      visited: pathOf(definition, saved),
      locale: data.locale,
      identity: identity ?? (laterIdentity ? await getFormIdentity(tx, { residentId: resident.id, formId: draft.formId }) : null),
    });
    const nextAfterChangePageId = incomplete === null ? null : definition.pages[incomplete]!.id;
    const [updated] = await tx
      .update(formDrafts)
      .set({ answers, pageId: nextPageId, updatedAt: new Date(), reminderSentAt: null, expiresAt: sql`now() + make_interval(days => ${definition.draftDays})` })
      .where(eq(formDrafts.id, draft.id))
      .returning();
    return {
      result: { draft: updated!, nextPageId, nextAfterChangePageId },
      audit: { action: "form.draft_save", entity: "form_draft", entityId: draft.id, after: { pageId: data.pageId, nextPageId, answered: Object.keys(answers).length } },
    };
  },
});
