import { eq, inArray } from "drizzle-orm";
import type { Database } from "@/db";
import { departments } from "@/db/schema/departments";
import { forms } from "@/db/schema/forms";
import { staff } from "@/db/schema/staff";
import { getStaffActorById } from "@/lib/auth/actor";
import { runGuarded } from "@/lib/auth/guard";
import { DEMO_FORM_DEFINITIONS } from "@/lib/forms/demo-definitions";
import { createFormOperation, publishFormOperation } from "@/lib/forms/operations";

/** Dev-only: the four demo forms, created and published by まちづくり推進課's admin through the guarded operations. */
export async function seedDemoForms(db: Database): Promise<{ created: number }> {
  const [row] = await db.select({ id: staff.id }).from(staff).where(eq(staff.loginId, "machi-admin@yakuba.example"));
  const actor = row ? await getStaffActorById(db, { staffId: row.id }) : null;
  if (!actor) throw new Error("seedDemoData must run first (machi-admin@yakuba.example is missing)");
  const existing = new Set((await db.select({ code: forms.code }).from(forms).where(inArray(forms.code, DEMO_FORM_DEFINITIONS.map((d) => d.code)))).map((f) => f.code));
  const context = { actor, requestId: "seed-demo-forms" };
  let created = 0;
  for (const demo of DEMO_FORM_DEFINITIONS.filter((d) => !existing.has(d.code))) {
    const [department] = await db.select({ id: departments.id }).from(departments).where(eq(departments.code, demo.departmentCode));
    const form = await runGuarded(context, createFormOperation, { departmentId: department!.id, code: demo.code, definition: demo.definition });
    if (!form.ok) throw new Error(`demo form ${demo.code}: ${form.error}`);
    const published = await runGuarded(context, publishFormOperation, { formId: form.data.id });
    if (!published.ok) throw new Error(`demo form ${demo.code}: ${published.error} ${JSON.stringify(published.fieldErrors)}`);
    created++;
  }
  return { created };
}
