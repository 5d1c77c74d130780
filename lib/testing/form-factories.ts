import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { residents } from "@/db/schema/residents";
import { runGuarded } from "@/lib/auth/guard";
import type { FormDefinitionInput } from "@/lib/forms/definition";
import { saveDraftAnswersOperation, startOrResumeDraftOperation } from "@/lib/forms/drafts";
import { createFormOperation, publishFormOperation } from "@/lib/forms/operations";
import { submitDraftOperation } from "@/lib/forms/submissions";
import { runResidentGuarded } from "@/lib/residents/guard";
import { createActor, uniqueSuffix } from "./factories";
import { createResident } from "./program-factories";

/** A published form of the department (created and published by its dept_admin through the guard). */
export async function createLiveForm(departmentId: string, definition: FormDefinitionInput) {
  const admin = await createActor([{ departmentId, role: "dept_admin" }]);
  const created = await runGuarded({ actor: admin, requestId: null }, createFormOperation, { departmentId, code: `f-${uniqueSuffix()}`, definition });
  if (!created.ok) throw new Error(created.error);
  const published = await runGuarded({ actor: admin, requestId: null }, publishFormOperation, { formId: created.data.id });
  if (!published.ok) throw new Error(published.error);
  return created.data;
}

/** A LINE resident who chose `locale`, with the resident guard context their requests carry. */
export async function createResidentIn(locale: "ja" | "ja-easy" | "en") {
  const resident = await createResident();
  const db = await getDb();
  await db.update(residents).set({ locale }).where(eq(residents.id, resident.id));
  return { resident, context: { resident: { id: resident.id, lineUserId: resident.lineUserId, displayName: null, locale }, requestId: null } };
}

/** The resident starts (or resumes) a draft of the form, saves `answers` and files it; the submission as filed. */
export async function fileForm(who: Awaited<ReturnType<typeof createResidentIn>>, formId: string, answers: Record<string, unknown>) {
  const started = await runResidentGuarded(who.context, startOrResumeDraftOperation, { formId });
  if (!started.ok) throw new Error(started.error);
  const saved = await runResidentGuarded(who.context, saveDraftAnswersOperation, { draftId: started.data.draft.id, answers, pageId: null });
  if (!saved.ok) throw new Error(saved.error);
  const filed = await runResidentGuarded(who.context, submitDraftOperation, { draftId: started.data.draft.id, locale: "ja" });
  if (!filed.ok) throw new Error(filed.error);
  return filed.data.submission;
}
