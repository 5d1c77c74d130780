import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db";
import { forms, formVersions } from "@/db/schema/forms";
import { type FormDefinition, formDefinitionSchema } from "./definition";

/**
 * A form's definitions for the staff preview: the draft being edited and the live version, each parsed as it
 * would be published (a draft that would not publish comes back as null, with no definition to walk through).
 */
export async function getFormForPreview(db: Executor, { formId }: { formId: string }) {
  const [row] = await db
    .select({ id: forms.id, code: forms.code, title: forms.title, departmentId: forms.departmentId, draft: forms.draftDefinition, live: formVersions.definition, liveVersion: formVersions.version })
    .from(forms)
    .leftJoin(formVersions, eq(formVersions.id, forms.liveVersionId))
    .where(eq(forms.id, formId));
  if (!row) return null;
  const parsed = row.draft === null ? null : formDefinitionSchema.safeParse(row.draft);
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    departmentId: row.departmentId,
    draft: parsed?.success ? parsed.data : null,
    hasDraft: row.draft !== null,
    live: (row.live as FormDefinition | null) ?? null,
    liveVersion: row.liveVersion,
  };
}
