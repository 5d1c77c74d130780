"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { getDb } from "@/db";
import { canInDepartment, isSystemAdmin } from "@/lib/auth/permissions";
import { getCurrentStaff, runAsCurrentStaff } from "@/lib/auth/session";
import { RESIDENT_LOCALE_COOKIE, RESIDENT_LOCALE_MAX_AGE_SECONDS } from "@/lib/i18n/locale";
import { runAsCurrentResident } from "@/lib/residents/current";
import { residentCookieOptions } from "@/lib/residents/session";
import { countAudience } from "./audience";
import { switchEmergencyMode } from "./emergency";
import { cancelBroadcast, composeBroadcast, createTopic, sendBroadcast, submitBroadcast, updateTopic } from "./operations";
import { getTopicsByDepartments } from "./queries";
import { setResidentLocale, setTopicSubscription } from "./resident-operations";
import { audienceSchema } from "./validations";

// Thin wrappers: the operation's guard does session, permission, validation, transaction and audit.

export async function setTopicSubscriptionAction(input: unknown) {
  return runAsCurrentResident(setTopicSubscription, input);
}

/** Saves the language for LINE messages and, for these pages, the same `yakuba_lang` cookie the switch sets. */
export async function setResidentLocaleAction(input: unknown) {
  const result = await runAsCurrentResident(setResidentLocale, input);
  if (result.ok) (await cookies()).set(RESIDENT_LOCALE_COOKIE, result.data.locale, residentCookieOptions(RESIDENT_LOCALE_MAX_AGE_SECONDS));
  return result;
}

export async function createTopicAction(input: unknown) {
  const result = await runAsCurrentStaff(createTopic, input);
  if (result.ok) revalidatePath("/admin/topics");
  return result;
}

export async function updateTopicAction(input: unknown) {
  const result = await runAsCurrentStaff(updateTopic, input);
  if (result.ok) revalidatePath("/admin/topics");
  return result;
}

/** The recipient count while composing: a number, no personal data, for staff who may compose there. */
export async function countRecipientsAction(input: unknown): Promise<{ ok: true; data: number } | { ok: false; error: string }> {
  const actor = await getCurrentStaff();
  const parsed = audienceSchema.safeParse(input);
  if (!actor || !parsed.success) return { ok: false, error: "入力内容に誤りがあります。" };
  if (!canInDepartment(actor, "broadcast.compose", parsed.data.departmentId) || (parsed.data.emergency && !isSystemAdmin(actor))) return { ok: false, error: "この操作を行う権限がありません。" };
  const { topicIds, emergency, ageMin, ageMax, programId, filingStatus } = parsed.data;
  const db = await getDb();
  const own = await getTopicsByDepartments(db, { departmentIds: [parsed.data.departmentId], activeOnly: true });
  const allowed = new Set(own.map((row) => row.topic.id));
  const filters = { ageMin: ageMin ?? undefined, ageMax: ageMax ?? undefined, programId: programId ?? undefined, filingStatus: filingStatus ?? undefined };
  return { ok: true, data: await countAudience(db, { topicIds: topicIds.filter((id) => allowed.has(id)), emergency, filters }) };
}

export async function composeBroadcastAction(input: unknown) {
  const result = await runAsCurrentStaff(composeBroadcast, input);
  if (result.ok) revalidatePath("/admin/broadcasts");
  return result;
}

export async function submitBroadcastAction(input: unknown) {
  const result = await runAsCurrentStaff(submitBroadcast, input);
  if (result.ok) revalidatePath("/admin/broadcasts", "layout");
  return result;
}

export async function sendBroadcastAction(input: unknown) {
  const result = await runAsCurrentStaff(sendBroadcast, input);
  if (result.ok) revalidatePath("/admin/broadcasts", "layout");
  return result;
}

export async function cancelBroadcastAction(input: unknown) {
  const result = await runAsCurrentStaff(cancelBroadcast, input);
  if (result.ok) revalidatePath("/admin/broadcasts", "layout");
  return result;
}

export async function switchEmergencyModeAction(input: unknown) {
  const result = await runAsCurrentStaff(switchEmergencyMode, input);
  if (result.ok) revalidatePath("/admin/broadcasts", "layout");
  return result;
}
