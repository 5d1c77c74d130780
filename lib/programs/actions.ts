"use server";

import { revalidatePath } from "next/cache";
import type { GuardResult } from "@/lib/auth/guard";
import { runAsCurrentStaff } from "@/lib/auth/session";
import { postedForm, uploadedFile } from "@/lib/http/uploaded-file";
import { recordCounterDuplicateStop, searchHouseholds } from "./households";
import { createProgram, importRoster, setProgramStatus, updateProgram } from "./operations";

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

export type RosterImportOutcome = Awaited<ReturnType<typeof importRoster.run>>["result"];

/** The form posts the CSV file itself; its bytes go to importRoster unchanged (encoding is detected there). */
export async function importRosterAction(posted: FormData): Promise<GuardResult<RosterImportOutcome>> {
  const formData = postedForm(posted);
  const result = await runAsCurrentStaff(importRoster, {
    programId: formData.get("programId"),
    allowRemovals: formData.get("allowRemovals") === "on",
    ...(await uploadedFile(formData)),
  });
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
