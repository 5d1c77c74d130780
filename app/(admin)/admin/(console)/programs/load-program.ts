import "server-only";
import { forbidden, notFound } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { canInDepartment, type Action, type StaffActor } from "@/lib/auth/permissions";
import { requireStaffPage } from "@/lib/auth/session";
import { getDepartmentById } from "@/lib/departments/queries";
import { getProgramById } from "@/lib/programs/queries";

/**
 * For program pages: the signed-in actor and the program, or the 404/403 page. Convenience only; every
 * operation the page runs checks the department again through the guard.
 */
export async function loadProgramPage(programId: string, action: Action) {
  const actor = await requireStaffPage(action);
  if (!z.uuid().safeParse(programId).success) notFound();
  const db = await getDb();
  const program = await getProgramById(db, { programId });
  if (!program) notFound();
  if (!canInDepartment(actor, action, program.departmentId)) forbidden();
  const department = (await getDepartmentById(db, { departmentId: program.departmentId }))!;
  return { actor, program, department, can: (other: Action) => canInDepartment(actor, other, program.departmentId) };
}

export type ProgramPageContext = Awaited<ReturnType<typeof loadProgramPage>> & { actor: StaffActor };
