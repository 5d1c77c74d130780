"use server";

import { revalidatePath } from "next/cache";
import { runAsCurrentStaff } from "@/lib/auth/session";
import {
  assignStaffRole,
  createStaffAccount,
  resetStaffPassword,
  setStaffActive,
  unlockStaff,
} from "@/lib/staff/operations";

// Thin wrappers: the operation's guard does session, permission, validation, transaction and audit.

function refresh(staffId?: string) {
  revalidatePath("/admin/staff");
  if (staffId) revalidatePath(`/admin/staff/${staffId}`);
}

export async function createStaffAction(input: unknown) {
  const result = await runAsCurrentStaff(createStaffAccount, input);
  if (result.ok) refresh();
  return result;
}

export async function setStaffActiveAction(input: unknown) {
  const result = await runAsCurrentStaff(setStaffActive, input);
  if (result.ok) refresh(result.data.staffId);
  return result;
}

export async function resetStaffPasswordAction(input: unknown) {
  const result = await runAsCurrentStaff(resetStaffPassword, input);
  if (result.ok) refresh(result.data.staffId);
  return result;
}

export async function unlockStaffAction(input: unknown) {
  const result = await runAsCurrentStaff(unlockStaff, input);
  if (result.ok) refresh(result.data.staffId);
  return result;
}

export async function assignStaffRoleAction(input: unknown) {
  const result = await runAsCurrentStaff(assignStaffRole, input);
  if (result.ok) refresh(result.data.staffId);
  return result;
}
