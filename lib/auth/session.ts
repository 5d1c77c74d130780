import "server-only";
import { randomUUID } from "node:crypto";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import type { z } from "zod";
import { getDb } from "@/db";
import { getStaffActorById } from "./actor";
import { runGuarded, type GuardResult, type GuardSpec, type StatementGuardSpec } from "./guard";
import { canUseSomewhere, type Action, type StaffActor } from "./permissions";
import { getAuthOptions } from "./options";

/** The signed-in staff member, loaded fresh from the database; null when signed out or deactivated. */
export async function getCurrentStaff(): Promise<StaffActor | null> {
  const session = await getServerSession(getAuthOptions());
  const staffId = (session as { staffId?: string | null } | null)?.staffId;
  if (!staffId) return null;
  return getStaffActorById(await getDb(), { staffId });
}

export async function getRequestId(): Promise<string> {
  return (await headers()).get("x-request-id") ?? randomUUID();
}

/** For layouts: the signed-in staff member, or a redirect to sign-in. */
export async function requireSignedInStaff(): Promise<StaffActor> {
  const actor = await getCurrentStaff();
  if (!actor) redirect("/admin/login");
  return actor;
}

/**
 * For pages: signed-out visitors go to sign-in, a temporary password to the password page, and a role
 * without this action gets the 403 page. (The guard enforces the same rules for every operation.)
 */
export async function requireStaffPage(action?: Action): Promise<StaffActor> {
  const actor = await requireSignedInStaff();
  if (actor.mustChangePassword && action !== "account.change_password") redirect("/admin/account/password");
  if (action && !canUseSomewhere(actor, action)) forbidden();
  return actor;
}

/** Runs a guarded operation as the signed-in staff member of this request. */
export async function runAsCurrentStaff<S extends z.ZodType, T>(
  spec: GuardSpec<S, T> | StatementGuardSpec<S, T>,
  input: unknown,
): Promise<GuardResult<T>> {
  return runGuarded({ actor: await getCurrentStaff(), requestId: await getRequestId() }, spec, input);
}
