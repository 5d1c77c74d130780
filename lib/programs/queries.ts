import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { departments } from "@/db/schema/departments";
import { benefitPrograms, householdMembers, households, rosterImports } from "@/db/schema/programs";

export async function getProgramById(db: Executor, { programId }: { programId: string }) {
  const [row] = await db.select().from(benefitPrograms).where(eq(benefitPrograms.id, programId)).limit(1);
  return row ?? null;
}

export async function getHouseholdWithMembers(db: Executor, { householdId }: { householdId: string }) {
  const [[household], members] = await Promise.all([
    db.select().from(households).where(eq(households.id, householdId)).limit(1),
    db.select().from(householdMembers).where(eq(householdMembers.householdId, householdId)).orderBy(asc(householdMembers.position)),
  ]);
  return household ? { ...household, members } : null;
}

/** The household a mailed letter's reference code names, with its members; null when the code is not this program's. */
export async function getHouseholdByReferenceCode(db: Executor, { programId, referenceCode }: { programId: string; referenceCode: string }) {
  const [household] = await db
    .select({ id: households.id })
    .from(households)
    .where(and(eq(households.programId, programId), eq(households.referenceCode, referenceCode)))
    .limit(1);
  return household ? getHouseholdWithMembers(db, { householdId: household.id }) : null;
}

/** Programs of these departments ("all" for system admins) with roster and filing counts, newest first. */
export async function listPrograms(db: Executor, { departmentIds }: { departmentIds: "all" | string[] }) {
  if (departmentIds !== "all" && departmentIds.length === 0) return [];
  return db
    .select({
      program: benefitPrograms,
      departmentName: departments.name,
      households: sql<number>`(select count(*)::int from households h where h.program_id = ${benefitPrograms.id})`,
      filings: sql<number>`(select count(*)::int from filings f where f.program_id = ${benefitPrograms.id})`,
    })
    .from(benefitPrograms)
    .innerJoin(departments, eq(departments.id, benefitPrograms.departmentId))
    .where(departmentIds === "all" ? undefined : inArray(benefitPrograms.departmentId, departmentIds))
    .orderBy(desc(benefitPrograms.filingOpensAt), asc(benefitPrograms.code));
}

/** The latest roster import of a program, for the summary on its page. */
export async function getLatestRosterImport(db: Executor, { programId }: { programId: string }) {
  const [row] = await db
    .select()
    .from(rosterImports)
    .where(eq(rosterImports.programId, programId))
    .orderBy(desc(rosterImports.importedAt))
    .limit(1);
  return row ?? null;
}

/** Programs a resident can file for over LINE right now. */
export async function getProgramsOpenOnLine(db: Executor) {
  const rows = await db.select().from(benefitPrograms).where(eq(benefitPrograms.status, "open")).orderBy(asc(benefitPrograms.filingClosesAt));
  const now = new Date();
  return rows.filter((p) => p.acceptsLine && p.filingOpensAt <= now && now <= p.filingClosesAt);
}
