"use server";

import { revalidatePath } from "next/cache";
import { runAsCurrentStaff } from "@/lib/auth/session";
import { createDepartment, updateDepartment, updateDepartmentSettings } from "@/lib/departments/operations";

// Thin wrappers: the operation's guard does session, permission, validation, transaction and audit.

export async function createDepartmentAction(input: unknown) {
  const result = await runAsCurrentStaff(createDepartment, input);
  if (result.ok) revalidatePath("/admin/departments");
  return result;
}

export async function updateDepartmentAction(input: unknown) {
  const result = await runAsCurrentStaff(updateDepartment, input);
  if (result.ok) revalidatePath("/admin/departments");
  return result;
}

export async function updateDepartmentSettingsAction(input: unknown) {
  const result = await runAsCurrentStaff(updateDepartmentSettings, input);
  if (result.ok) revalidatePath("/admin/departments");
  return result;
}
