"use server";

import { revalidatePath } from "next/cache";
import { runAsCurrentStaff } from "@/lib/auth/session";
import { recordCounterDuplicateStop, searchHouseholds } from "./households";
import { createProgram, setProgramStatus, updateProgram } from "./operations";

// Thin wrappers: the operation's guard does session, permission, validation, transaction and audit.

export async function createProgramAction(input: unknown) {
  const result = await runAsCurrentStaff(createProgram, input);
  if (result.ok) revalidatePath("/admin/programs");
  return result;
}

export async function updateProgramAction(input: unknown) {
  const result = await runAsCurrentStaff(updateProgram, input);
  if (result.ok) revalidatePath("/admin/programs", "layout");
  return result;
}

export async function setProgramStatusAction(input: unknown) {
  const result = await runAsCurrentStaff(setProgramStatus, input);
  if (result.ok) revalidatePath("/admin/programs", "layout");
  return result;
}

export async function searchHouseholdsAction(input: unknown) {
  return runAsCurrentStaff(searchHouseholds, input);
}

/** The counter desk showed 「申請済み」 for a household: recorded for the report (no page changes). */
export async function recordCounterDuplicateStopAction(input: unknown) {
  return runAsCurrentStaff(recordCounterDuplicateStop, input);
}
