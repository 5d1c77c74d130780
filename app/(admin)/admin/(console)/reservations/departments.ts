import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { departments } from "@/db/schema/departments";

/** Departments a staff member may set calendars up for. */
export async function listDepartmentOptions(db: Executor, scope: "all" | string[]) {
  return db
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(and(eq(departments.active, true), scope === "all" ? undefined : scope.length ? inArray(departments.id, scope) : sql`false`))
    .orderBy(asc(departments.name));
}
