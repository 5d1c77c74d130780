import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLog } from "@/db/schema/audit";
import { householdMembers } from "@/db/schema/programs";
import { runGuarded } from "@/lib/auth/guard";
import { createActor, createDepartment } from "@/lib/testing/factories";
import { createHousehold, createProgram } from "@/lib/testing/program-factories";
import { dismissDuplicateGroup, scanDuplicates } from "./duplicates";
import { fileAtCounter } from "./counter-operations";
import { viewDuplicateGroups } from "./views";

describe("viewDuplicateGroups (duplicates screen)", () => {
  it("shows only groups a scan flagged, side by side and oldest first, audited; other departments get 403", async () => {
    const departmentId = (await createDepartment()).id;
    const reviewer = await createActor([{ departmentId, role: "reviewer" }]);
    const counter = await createActor([{ departmentId, role: "counter" }]);
    const outsider = await createActor([{ departmentId: (await createDepartment()).id, role: "reviewer" }]);
    const program = await createProgram({ departmentId });
    const db = await getDb();
    const file = async (headName: string) => {
      const household = await createHousehold({ programId: program.id, members: 1, address: "当麻町3条東2丁目11番1号" });
      await db.update(householdMembers).set({ name: headName, nameKana: "タカハシ イチロウ" }).where(eq(householdMembers.id, household.members[0]!.id));
      const result = await runGuarded({ actor: counter, requestId: null }, fileAtCounter, {
        householdId: household.id,
        representativeMemberId: household.members[0]!.id,
        identityDocument: "passport",
      });
      if (!result.ok) throw new Error(result.error);
      return result.data.filingId;
    };
    const first = await file("髙橋 一郎");
    const second = await file("高橋 一郎");
    const as = { actor: reviewer, requestId: null };

    // Before a scan nothing is flagged, so there is nothing to review yet.
    expect(await runGuarded(as, viewDuplicateGroups, { programId: program.id })).toMatchObject({ ok: true, data: [] });
    await runGuarded(as, scanDuplicates, { programId: program.id });
    const shown = await runGuarded(as, viewDuplicateGroups, { programId: program.id });
    if (!shown.ok) throw new Error(shown.error);
    expect(shown.data).toHaveLength(1);
    expect(shown.data[0]!.map((f) => f.id)).toEqual([first, second]);
    expect(shown.data[0]![1]).toMatchObject({ representativeName: "高橋 一郎", representativeKana: "タカハシ イチロウ", channel: "counter", duplicateSuspected: true });
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.action, "filing.duplicate_list"), eq(auditLog.entityId, program.id)));
    expect(audits).toHaveLength(2);

    expect(await runGuarded({ actor: outsider, requestId: null }, viewDuplicateGroups, { programId: program.id })).toMatchObject({ ok: false, status: 403 });

    await runGuarded(as, dismissDuplicateGroup, { filingIds: [first, second], reason: "別の世帯と確認した" });
    expect(await runGuarded(as, viewDuplicateGroups, { programId: program.id })).toMatchObject({ ok: true, data: [] });
  });
});
