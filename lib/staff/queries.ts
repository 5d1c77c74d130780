import "server-only";
import { and, asc, eq, exists, gt, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db";
import { staff, staffMemberships } from "@/db/schema/staff";
import type { StaffListParams } from "./validations";
import { escapeLike } from "@/lib/validation/text";

export type StaffRow = {
  id: string;
  loginId: string;
  displayName: string;
  active: boolean;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
  memberships: { departmentId: string; role: (typeof staffMemberships.$inferSelect)["role"] }[];
};

/**
 * One page of staff visible in the given departments ("all" for system admins), filtered and sorted
 * in the database. Returns the page and the total count for the pager.
 */
export async function getStaffPage(
  db: Executor,
  { params, visibleDepartmentIds }: { params: StaffListParams; visibleDepartmentIds: "all" | string[] },
): Promise<{ rows: StaffRow[]; total: number }> {
  const membershipIn = (departmentIds: string[] | null, role?: string): SQL =>
    exists(
      db
        .select({ one: sql`1` })
        .from(staffMemberships)
        .where(
          and(
            eq(staffMemberships.staffId, staff.id),
            departmentIds ? inArray(staffMemberships.departmentId, departmentIds) : undefined,
            role ? eq(staffMemberships.role, role as StaffRow["memberships"][number]["role"]) : undefined,
          ),
        ),
    );
  const conditions: (SQL | undefined)[] = [];
  if (visibleDepartmentIds !== "all") {
    if (visibleDepartmentIds.length === 0) return { rows: [], total: 0 };
    conditions.push(membershipIn(visibleDepartmentIds));
  }
  if (params.departmentId || params.role) {
    // A role filter means the role in a department the actor can see, not in someone else's.
    const scope = params.departmentId ? [params.departmentId] : visibleDepartmentIds === "all" ? null : visibleDepartmentIds;
    conditions.push(membershipIn(scope, params.role));
  }
  if (params.q) {
    const pattern = `%${escapeLike(params.q)}%`;
    conditions.push(or(ilike(staff.displayName, pattern), ilike(staff.loginId, pattern)));
  }
  if (params.status === "active") conditions.push(eq(staff.active, true));
  if (params.status === "inactive") conditions.push(eq(staff.active, false));
  if (params.status === "locked") conditions.push(gt(staff.lockedUntil, sql`now()`));
  const where = and(...conditions);

  const sortColumn = { displayName: staff.displayName, loginId: staff.loginId, lastLoginAt: staff.lastLoginAt, createdAt: staff.createdAt }[params.sort];
  // Never-signed-in accounts sort last in both directions.
  const order = params.dir === "desc" ? sql`${sortColumn} desc nulls last` : sql`${sortColumn} asc nulls last`;

  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(staff)
      .where(where)
      .orderBy(order, asc(staff.id))
      .limit(params.pageSize)
      .offset((params.page - 1) * params.pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(staff).where(where),
  ]);
  const memberships = rows.length
    ? await db
        .select()
        .from(staffMemberships)
        .where(inArray(staffMemberships.staffId, rows.map((row) => row.id)))
    : [];
  return {
    total: count?.total ?? 0,
    rows: rows.map((row) => ({
      id: row.id,
      loginId: row.loginId,
      displayName: row.displayName,
      active: row.active,
      lockedUntil: row.lockedUntil && row.lockedUntil > new Date() ? row.lockedUntil : null,
      lastLoginAt: row.lastLoginAt,
      createdAt: row.createdAt,
      memberships: memberships
        .filter((m) => m.staffId === row.id)
        .map((m) => ({ departmentId: m.departmentId, role: m.role })),
    })),
  };
}

export async function getStaffById(db: Executor, { staffId }: { staffId: string }) {
  const [row] = await db.select().from(staff).where(eq(staff.id, staffId)).limit(1);
  if (!row) return null;
  const memberships = await db
    .select({ departmentId: staffMemberships.departmentId, role: staffMemberships.role })
    .from(staffMemberships)
    .where(eq(staffMemberships.staffId, staffId));
  return { ...row, memberships };
}

/** Staff accounts currently locked out, for the admin dashboard. */
export async function countLockedStaff(db: Executor): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(staff)
    .where(and(eq(staff.active, true), gt(staff.lockedUntil, sql`now()`)));
  return row?.n ?? 0;
}

