"use server";

import { revalidatePath } from "next/cache";
import { runAsCurrentStaff } from "@/lib/auth/session";
import { ensureInProcessWorker } from "@/lib/line/in-process";
import { addClosure, createCalendarOperation, recordAttendance, staffBook, staffCancel, updateCalendarOperation } from "./operations";

// Thin wrappers: the operation's guard does session, permission, validation, transaction and audit.

function done<T extends { ok: boolean }>(result: T): T {
  if (result.ok) {
    revalidatePath("/admin/reservations", "layout");
    ensureInProcessWorker();
  }
  return result;
}

export async function staffBookAction(input: unknown) {
  return done(await runAsCurrentStaff(staffBook, input));
}

export async function staffCancelAction(input: unknown) {
  return done(await runAsCurrentStaff(staffCancel, input));
}

export async function recordAttendanceAction(input: unknown) {
  return done(await runAsCurrentStaff(recordAttendance, input));
}

export async function addClosureAction(input: unknown) {
  return done(await runAsCurrentStaff(addClosure, input));
}

export async function createCalendarAction(input: unknown) {
  return done(await runAsCurrentStaff(createCalendarOperation, input));
}

export async function updateCalendarAction(input: unknown) {
  return done(await runAsCurrentStaff(updateCalendarOperation, input));
}
