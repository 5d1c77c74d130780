import "server-only";
import type { Transaction } from "@/db";
import { GuardError, MESSAGES } from "@/lib/auth/guard";
import { defineOperation } from "@/lib/auth/operation";
import { getHouseholdWithMembers, getProgramById } from "@/lib/programs/queries";
import { submitFiling } from "./core";
import { counterFilingSchema } from "./validations";

async function programDepartmentOfHousehold(tx: Transaction, householdId: string): Promise<string[]> {
  const household = await getHouseholdWithMembers(tx, { householdId });
  if (!household) throw new GuardError(404, MESSAGES.notFound);
  const program = await getProgramById(tx, { programId: household.programId });
  return [program!.departmentId];
}

export const fileAtCounter = defineOperation({
  action: "filing.file_counter",
  schema: counterFilingSchema,
  departments: (data, tx) => programDepartmentOfHousehold(tx, data.householdId),
  async run({ data, tx, actor }) {
    const household = (await getHouseholdWithMembers(tx, { householdId: data.householdId }))!;
    const program = (await getProgramById(tx, { programId: household.programId }))!;
    const representative = household.members.find((m) => m.id === data.representativeMemberId);
    if (!representative) {
      throw new GuardError(400, MESSAGES.invalid, { representativeMemberId: ["この世帯の方を選んでください"] });
    }
    const filing = await submitFiling(tx, {
      program,
      household,
      representativeMemberId: representative.id,
      channel: "counter",
      identityDocument: data.identityDocument,
      filedByStaffId: actor.id,
    });
    return {
      result: {
        filingId: filing.id,
        receiptNumber: filing.receiptNumber,
        points: filing.points,
        submittedAt: filing.submittedAt,
        householdCode: household.householdCode,
        representativeName: representative.name,
        memberCount: household.memberCount,
        programName: program.name,
      },
      audit: {
        entity: "filing",
        entityId: filing.id,
        departmentId: program.departmentId,
        after: { ...filing, identityDocument: data.identityDocument },
      },
    };
  },
});
