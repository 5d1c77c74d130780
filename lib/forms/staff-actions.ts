"use server";

import { revalidatePath } from "next/cache";
import { type GuardResult, zodFieldErrors } from "@/lib/auth/guard";
import { runAsCurrentStaff } from "@/lib/auth/session";
import { starterDefinition } from "./editor";
import { archiveFormOperation, copyFormOperation, createFormOperation, publishFormOperation, revertFormOperation, saveFormDraftOperation } from "./operations";
import { newFormSchema } from "./validations";

// Thin wrappers: the operation's guard does session, permission, validation, transaction and audit.

type Done = GuardResult<{ formId: string }>;

const refresh = (result: { ok: boolean }) => {
  if (result.ok) revalidatePath("/admin/forms", "layout");
};

/** A new form starts as a one-page draft with the title given; staff then build it in the editor. */
export async function createFormAction(input: unknown): Promise<Done> {
  const parsed = newFormSchema.safeParse(input);
  if (!parsed.success) return { ok: false, status: 400, error: "入力内容に誤りがあります。", fieldErrors: zodFieldErrors(parsed.error) };
  const { departmentId, code, title } = parsed.data;
  const result = await runAsCurrentStaff(createFormOperation, { departmentId, code, definition: starterDefinition(title) });
  refresh(result);
  return result.ok ? { ok: true, data: { formId: result.data.id } } : result;
}

export async function saveFormDraftAction(input: unknown): Promise<Done> {
  const result = await runAsCurrentStaff(saveFormDraftOperation, input);
  refresh(result);
  return result.ok ? { ok: true, data: { formId: result.data.id } } : result;
}

export async function publishFormAction(input: unknown): Promise<GuardResult<{ version: number }>> {
  const result = await runAsCurrentStaff(publishFormOperation, input);
  refresh(result);
  return result.ok ? { ok: true, data: { version: result.data.version } } : result;
}

export async function archiveFormAction(input: unknown): Promise<Done> {
  const result = await runAsCurrentStaff(archiveFormOperation, input);
  refresh(result);
  return result;
}

export async function copyFormAction(input: unknown): Promise<Done> {
  const result = await runAsCurrentStaff(copyFormOperation, input);
  refresh(result);
  return result.ok ? { ok: true, data: { formId: result.data.id } } : result;
}

export async function revertFormAction(input: unknown): Promise<Done> {
  const result = await runAsCurrentStaff(revertFormOperation, input);
  refresh(result);
  return result;
}
