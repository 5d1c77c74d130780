"use server";

import { revalidatePath } from "next/cache";
import type { GuardResult } from "@/lib/auth/guard";
import { runAsCurrentStaff } from "@/lib/auth/session";
import { postedForm, uploadedFile } from "@/lib/http/uploaded-file";
import { importRosterAndRescan } from "./roster-rescan";
import { dismissDuplicateGroup, scanDuplicates } from "./duplicates";
import { bulkApproveFilings, decideFiling, resolveDuplicateGroup } from "./operations";
import { fileAtCounter } from "./counter-operations";

// Thin wrappers: the operation's guard does session, permission, validation, transaction and audit.

export async function fileAtCounterAction(input: unknown) {
  const result = await runAsCurrentStaff(fileAtCounter, input);
  if (result.ok) revalidatePath("/admin/programs", "layout");
  return result;
}

export async function decideFilingAction(input: unknown) {
  const result = await runAsCurrentStaff(decideFiling, input);
  if (result.ok) revalidatePath("/admin/programs", "layout");
  return result;
}

export async function bulkApproveFilingsAction(input: unknown) {
  const result = await runAsCurrentStaff(bulkApproveFilings, input);
  if (result.ok) revalidatePath("/admin/programs", "layout");
  return result;
}

export async function scanDuplicatesAction(input: unknown) {
  const result = await runAsCurrentStaff(scanDuplicates, input);
  if (result.ok) revalidatePath("/admin/programs", "layout");
  return result;
}

export async function resolveDuplicateGroupAction(input: unknown) {
  const result = await runAsCurrentStaff(resolveDuplicateGroup, input);
  if (result.ok) revalidatePath("/admin/programs", "layout");
  return result;
}

export async function dismissDuplicateGroupAction(input: unknown) {
  const result = await runAsCurrentStaff(dismissDuplicateGroup, input);
  if (result.ok) revalidatePath("/admin/programs", "layout");
  return result;
}

export type RosterImportOutcome = Awaited<ReturnType<typeof importRosterAndRescan.run>>["result"];

/** The form posts the CSV file itself; its bytes go to the import unchanged (encoding is detected there); duplicates are rescanned. */
export async function importRosterAction(posted: FormData): Promise<GuardResult<RosterImportOutcome>> {
  const formData = postedForm(posted);
  const result = await runAsCurrentStaff(importRosterAndRescan, {
    programId: formData.get("programId"),
    allowRemovals: formData.get("allowRemovals") === "on",
    ...(await uploadedFile(formData)),
  });
  if (result.ok) revalidatePath("/admin/programs", "layout");
  return result;
}
