import "server-only";
import { forbidden, notFound } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { canInDepartment, type Action } from "@/lib/auth/permissions";
import { requireStaffPage } from "@/lib/auth/session";
import { formStatus } from "@/lib/forms/operations";
import { getFormForStaff } from "@/lib/forms/staff-queries";

/** For form pages: the actor and the form, or the 404/403 page; every write checks the department again in the guard. */
export async function loadFormPage(formId: string, action: Action = "form.view") {
  const actor = await requireStaffPage(action);
  if (!z.uuid().safeParse(formId).success) notFound();
  const loaded = await getFormForStaff(await getDb(), { formId });
  if (!loaded) notFound();
  if (!canInDepartment(actor, action, loaded.form.departmentId)) forbidden();
  return { ...loaded, actor, status: formStatus(loaded.form), canManage: canInDepartment(actor, "form.manage", loaded.form.departmentId) };
}
