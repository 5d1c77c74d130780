import "server-only";
import { and, asc, count, desc, eq, ilike, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db";
import { departments } from "@/db/schema/departments";
import { forms, formSubmissions, formVersions } from "@/db/schema/forms";
import { staff } from "@/db/schema/staff";
import type { FormDefinition } from "./definition";
import type { FormStatus } from "./editor-labels";
import type { FormListParams } from "./validations";
import { escapeLike } from "@/lib/validation/text";

const STATUS_WHERE: Record<FormStatus, SQL> = {
  draft: and(isNull(forms.liveVersionId), isNull(forms.archivedAt))!,
  live: and(isNotNull(forms.liveVersionId), isNull(forms.draftDefinition), isNull(forms.archivedAt))!,
  live_with_draft: and(isNotNull(forms.liveVersionId), isNotNull(forms.draftDefinition))!,
  archived: isNotNull(forms.archivedAt),
};

export type StaffFormRow = Awaited<ReturnType<typeof getFormsForStaff>>[number];

/** The forms of the departments the actor may see, filtered on the server; newest change first. */
export async function getFormsForStaff(db: Executor, { departmentIds, params }: { departmentIds: string[] | "all"; params: FormListParams }) {
  const where: SQL[] = [];
  if (departmentIds !== "all") where.push(departmentIds.length > 0 ? inArray(forms.departmentId, departmentIds) : sql`false`);
  if (params.departmentId) where.push(eq(forms.departmentId, params.departmentId));
  if (params.status) where.push(STATUS_WHERE[params.status]);
  if (params.q) where.push(or(ilike(forms.title, `%${escapeLike(params.q)}%`), ilike(forms.code, `%${escapeLike(params.q)}%`))!);
  const submissions = db.select({ formId: formSubmissions.formId, n: count().as("n") }).from(formSubmissions).groupBy(formSubmissions.formId).as("submission_counts");
  return db
    .select({
      id: forms.id,
      code: forms.code,
      title: forms.title,
      departmentName: departments.name,
      liveVersionId: forms.liveVersionId,
      hasDraft: sql<boolean>`${forms.draftDefinition} is not null`,
      archivedAt: forms.archivedAt,
      liveVersion: formVersions.version,
      submissions: sql<number>`coalesce(${submissions.n}, 0)::int`,
      updatedAt: forms.updatedAt,
    })
    .from(forms)
    .innerJoin(departments, eq(departments.id, forms.departmentId))
    .leftJoin(formVersions, eq(formVersions.id, forms.liveVersionId))
    .leftJoin(submissions, eq(submissions.formId, forms.id))
    .where(and(...where))
    .orderBy(desc(forms.updatedAt), asc(forms.code))
    .limit(500);
}

/** One form for the staff screens: its row, department, live definition and every published version. */
export async function getFormForStaff(db: Executor, { formId }: { formId: string }) {
  const [row] = await db.select({ form: forms, departmentName: departments.name }).from(forms).innerJoin(departments, eq(departments.id, forms.departmentId)).where(eq(forms.id, formId));
  if (!row) return null;
  const versions = await db
    .select({ id: formVersions.id, version: formVersions.version, publishedAt: formVersions.publishedAt, publishedBy: staff.displayName, definition: formVersions.definition })
    .from(formVersions)
    .leftJoin(staff, sql`${staff.id}::text = ${formVersions.publishedBy}`)
    .where(eq(formVersions.formId, formId))
    .orderBy(desc(formVersions.version));
  const live = versions.find((v) => v.id === row.form.liveVersionId) ?? null;
  return {
    form: row.form,
    departmentName: row.departmentName,
    draft: (row.form.draftDefinition as FormDefinition | null) ?? null,
    live: live ? { version: live.version, definition: live.definition as FormDefinition } : null,
    versions: versions.map((v) => ({ ...v, definition: v.definition as FormDefinition })),
  };
}
