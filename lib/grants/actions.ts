"use server";

import { revalidatePath } from "next/cache";
import type { GuardResult } from "@/lib/auth/guard";
import { runAsCurrentStaff } from "@/lib/auth/session";
import { postedForm, uploadedFile } from "@/lib/http/uploaded-file";
import { createGrantBatch } from "./operations";
import { importBatchResultFile } from "./result-import";

// Thin wrappers: the operation's guard does session, permission, validation, transaction and audit.

export async function createGrantBatchAction(input: unknown) {
  const result = await runAsCurrentStaff(createGrantBatch, input);
  if (result.ok) revalidatePath("/admin/programs", "layout");
  return result;
}

export type ResultImportOutcome = Awaited<ReturnType<typeof importBatchResultFile.run>>["result"];

/** The vendor's result file as posted; parsed, checked against the batch and applied in one transaction. */
export async function importBatchResultAction(posted: FormData): Promise<GuardResult<ResultImportOutcome>> {
  const formData = postedForm(posted);
  const result = await runAsCurrentStaff(importBatchResultFile, {
    batchId: formData.get("batchId"),
    ...(await uploadedFile(formData)),
  });
  if (result.ok) revalidatePath("/admin/programs", "layout");
  return result;
}
