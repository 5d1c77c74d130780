"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { runAsCurrentStaff } from "@/lib/auth/session";
import { RESIDENT_LOCALE_COOKIE, RESIDENT_LOCALE_MAX_AGE_SECONDS } from "@/lib/i18n/locale";
import { runAsCurrentResident } from "@/lib/residents/current";
import { residentCookieOptions } from "@/lib/residents/session";
import { switchEmergencyMode } from "./emergency";
import { cancelBroadcast, composeBroadcast, createTopic, sendBroadcast, submitBroadcast, updateTopic } from "./operations";
import { setResidentLocale, setTopicSubscription } from "./resident-operations";

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
