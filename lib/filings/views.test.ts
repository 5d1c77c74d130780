import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLog } from "@/db/schema/audit";
import { runGuarded } from "@/lib/auth/guard";
import { viewProgramReport } from "@/lib/programs/report";
import { createActor, createDepartment } from "@/lib/testing/factories";
import { createProgram } from "@/lib/testing/program-factories";
import { listFilingQueue, viewDuplicateGroups } from "./views";

describe("audited views in a department's scope", () => {
  it("carry the department, so an auditor filtering by department sees who looked at personal data", async () => {
    const departmentId = (await createDepartment()).id;
    const reviewer = await createActor([{ departmentId, role: "reviewer" }]);
    const program = await createProgram({ departmentId });
    const as = { actor: reviewer, requestId: null };
    for (const [operation, input] of [
      [listFilingQueue, { programId: program.id }],
      [viewDuplicateGroups, { programId: program.id }],
      [viewProgramReport, { programId: program.id }],
    ] as const) {
      expect(await runGuarded(as, operation as typeof listFilingQueue, input)).toMatchObject({ ok: true });
    }
    const db = await getDb();
    const entries = await db.select().from(auditLog).where(and(eq(auditLog.actorId, reviewer.id), eq(auditLog.entityId, program.id)));
    expect(entries.map((e) => e.action).sort()).toEqual(["filing.duplicate_list", "filing.list", "program.report"]);
    expect(entries.every((e) => e.departmentId === departmentId)).toBe(true);
  });
});
