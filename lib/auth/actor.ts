import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db";
import { staff, staffMemberships } from "@/db/schema/staff";
import type { StaffActor } from "./permissions";

/** Loads the acting staff member fresh from the database: deactivation and role changes apply at once. */
export async function getStaffActorById(db: Executor, { staffId }: { staffId: string }): Promise<StaffActor | null> {
  const [row] = await db.select().from(staff).where(eq(staff.id, staffId)).limit(1);
  if (!row || !row.active) return null;
  const memberships = await db
    .select({ departmentId: staffMemberships.departmentId, role: staffMemberships.role })
    .from(staffMemberships)
    .where(eq(staffMemberships.staffId, staffId));
  if (memberships.length === 0) return null;
  return { type: "staff", id: row.id, loginId: row.loginId, displayName: row.displayName, mustChangePassword: row.mustChangePassword, memberships };
}
