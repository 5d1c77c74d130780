import "server-only";
import { createHash } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Transaction } from "@/db";
import { filings } from "@/db/schema/filings";
import { benefitPrograms, householdMembers, households, rosterImports, type Household, type HouseholdMember } from "@/db/schema/programs";
import { GuardError, MESSAGES } from "@/lib/auth/guard";
import { defineOperation } from "@/lib/auth/operation";
import { isUniqueViolation } from "@/lib/db-errors";
import { generateReferenceCode } from "@/lib/letters/reference-code";
import { parseRosterCsv, type RosterHousehold, type RosterMember } from "@/lib/roster/parse";
import { getProgramById } from "./queries";
import { householdPoints } from "./rules";
import { getTownProfile } from "./town";
import { programSchema, programStatusSchema, rosterImportSchema, updateProgramSchema } from "./validations";

async function departmentOfProgram(tx: Transaction, programId: string): Promise<string[]> {
  const program = await getProgramById(tx, { programId });
  if (!program) throw new GuardError(404, MESSAGES.notFound);
  return [program.departmentId];
}

function duplicateCode(error: unknown): never {
  if (isUniqueViolation(error, "benefit_programs_code_unique")) {
    throw new GuardError(409, "この事業コードはすでに使われています。", { code: ["この事業コードはすでに使われています"] });
  }
  throw error;
}

export const createProgram = defineOperation({
  action: "program.manage",
  schema: programSchema,
  departments: (data) => [data.departmentId],
  async run({ data, tx }) {
    const [program] = await tx.insert(benefitPrograms).values(data).returning().catch(duplicateCode);
    return { result: program!, audit: { entity: "benefit_program", entityId: program!.id, departmentId: data.departmentId, after: program } };
  },
});

export const updateProgram = defineOperation({
  action: "program.manage",
  schema: updateProgramSchema,
  // Moving a program to another department needs the right in both.
  departments: async (data, tx) => [...(await departmentOfProgram(tx, data.programId)), data.departmentId],
  async run({ data, tx }) {
    const before = (await getProgramById(tx, { programId: data.programId }))!;
    const { programId, ...changes } = data;
    if (before.pointsPerPerson !== changes.pointsPerPerson) {
      const [filed] = await tx.select({ n: sql<number>`count(*)::int` }).from(filings).where(eq(filings.programId, programId));
      if (filed!.n > 0) {
        throw new GuardError(409, "申請を受け付けた後は1人あたりのポイント数を変更できません。", {
          pointsPerPerson: ["申請受付後は変更できません"],
        });
      }
    }
    const [after] = await tx
      .update(benefitPrograms)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(eq(benefitPrograms.id, programId))
      .returning()
      .catch(duplicateCode);
    if (before.pointsPerPerson !== changes.pointsPerPerson) {
      await tx
        .update(households)
        .set({ points: sql`${households.memberCount} * ${changes.pointsPerPerson}` })
        .where(eq(households.programId, programId));
    }
    return { result: after!, audit: { entity: "benefit_program", entityId: programId, departmentId: after!.departmentId, before, after } };
  },
});

export const setProgramStatus = defineOperation({
  action: "program.manage",
  schema: programStatusSchema,
  departments: (data, tx) => departmentOfProgram(tx, data.programId),
  async run({ data, tx }) {
    const before = (await getProgramById(tx, { programId: data.programId }))!;
    if (data.status === "open") {
      const [roster] = await tx.select({ n: sql<number>`count(*)::int` }).from(households).where(eq(households.programId, data.programId));
      if (roster!.n === 0) throw new GuardError(409, "対象世帯の名簿を取り込んでから受付を開始してください。");
    }
    const [after] = await tx
      .update(benefitPrograms)
      .set({ status: data.status, updatedAt: sql`now()` })
      .where(eq(benefitPrograms.id, data.programId))
      .returning();
    return { result: after!, audit: { entity: "benefit_program", entityId: data.programId, departmentId: before.departmentId, before: { status: before.status }, after: { status: after!.status } } };
  },
});

const memberKey = (m: { nameKey: string; birthDate: string }) => `${m.nameKey}|${m.birthDate}`;

function memberValues(householdId: string, member: RosterMember, position: number) {
  return {
    householdId,
    name: member.name,
    nameKana: member.kana,
    nameKey: member.nameKey,
    kanaKey: member.kanaKey,
    birthDate: member.birthDate,
    sex: member.sex,
    isHead: member.isHead,
    relationship: member.relationship,
    position,
  };
}

function sameMember(row: HouseholdMember, member: RosterMember, position: number): boolean {
  return row.name === member.name && row.nameKana === member.kana && row.sex === member.sex && row.isHead === member.isHead && row.relationship === member.relationship && row.position === position;
}

async function insertHousehold(tx: Transaction, programId: string, pointsPerPerson: number, parsed: RosterHousehold, importId: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await tx.transaction(async (savepoint) => {
        const [row] = await savepoint
          .insert(households)
          .values({
            programId,
            householdCode: parsed.code,
            address: parsed.address,
            postalCode: parsed.postalCode,
            addressKey: parsed.addressKey,
            referenceCode: generateReferenceCode(),
            memberCount: parsed.members.length,
            points: householdPoints(pointsPerPerson, parsed.members.length),
            rosterImportId: importId,
          })
          .returning();
        await savepoint.insert(householdMembers).values(parsed.members.map((m, i) => memberValues(row!.id, m, i)));
        return row!;
      });
    } catch (error) {
      // A reference code collision is astronomically rare; draw again.
      if (attempt < 3 && isUniqueViolation(error, "households_reference_code_unique")) continue;
      throw error;
    }
  }
}

/**
 * Brings the program's roster to exactly the households in the file. Re-importing the same or a corrected
 * file is idempotent: reference codes stay, unchanged rows are untouched, and a household or member that a
 * filing depends on is never deleted (the import is refused instead).
 */
async function reconcileRoster(
  tx: Transaction,
  program: { id: string; pointsPerPerson: number },
  parsed: RosterHousehold[],
  importId: string,
  { allowRemovals }: { allowRemovals: boolean },
) {
  const existing = await tx.select().from(households).where(eq(households.programId, program.id));
  const existingByCode = new Map(existing.map((h) => [h.householdCode, h]));
  const existingMembers = existing.length
    ? await tx.select().from(householdMembers).where(inArray(householdMembers.householdId, existing.map((h) => h.id)))
    : [];
  const referencedMembers = new Set(
    (existing.length
      ? await tx.select({ id: filings.representativeMemberId }).from(filings).where(eq(filings.programId, program.id))
      : []
    ).map((r) => r.id),
  );
  const filedHouseholds = new Set(
    (existing.length ? await tx.select({ id: filings.householdId }).from(filings).where(eq(filings.programId, program.id)) : []).map((r) => r.id),
  );
  const conflicts: string[] = [];
  const counts = { inserted: 0, updated: 0, unchanged: 0, removed: 0 };
  const parsedCodes = new Set(parsed.map((h) => h.code));

  for (const old of existing) {
    if (parsedCodes.has(old.householdCode)) continue;
    if (filedHouseholds.has(old.id)) conflicts.push(`世帯番号 ${old.householdCode}: 申請済みの世帯がファイルにありません（名簿から外せません）`);
  }
  const plans: { household: Household; parsed: RosterHousehold; keep: Map<string, HouseholdMember> }[] = [];
  for (const household of parsed) {
    const old = existingByCode.get(household.code);
    if (!old) continue;
    const members = existingMembers.filter((m) => m.householdId === old.id);
    const incoming = new Set(household.members.map(memberKey));
    for (const member of members) {
      if (!incoming.has(memberKey(member)) && referencedMembers.has(member.id)) {
        conflicts.push(`世帯番号 ${household.code}: 申請の代表者「${member.name}」がファイルにありません（名簿から外せません）`);
      }
    }
    plans.push({ household: old, parsed: household, keep: new Map(members.map((m) => [memberKey(m), m])) });
  }
  if (conflicts.length > 0) {
    throw new GuardError(409, "名簿を取り込めません。申請済みの世帯・代表者が含まれていません。", { file: conflicts });
  }
  // A partial file uploaded by mistake would silently void thousands of mailed letters: removals need consent.
  const removals = existing.filter((old) => !parsedCodes.has(old.householdCode));
  if (removals.length > 0 && !allowRemovals) {
    throw new GuardError(
      409,
      `いまの名簿にある${removals.length.toLocaleString("ja-JP")}世帯が、このファイルにありません。取り込むとこれらの世帯は名簿から外れ、お手紙の照会番号も使えなくなります。` +
        "外してよい場合は「ファイルにない世帯を名簿から外す」にチェックして、もう一度取り込んでください（何も取り込んでいません）。",
      { file: removals.map((old) => `世帯番号 ${old.householdCode}（${old.address}）: ファイルにありません`) },
    );
  }

  for (const old of existing) {
    if (parsedCodes.has(old.householdCode)) continue;
    await tx.delete(householdMembers).where(eq(householdMembers.householdId, old.id));
    await tx.delete(households).where(eq(households.id, old.id));
    counts.removed++;
  }
  for (const household of parsed) {
    if (!existingByCode.has(household.code)) {
      await insertHousehold(tx, program.id, program.pointsPerPerson, household, importId);
      counts.inserted++;
    }
  }
  for (const { household: old, parsed: household, keep } of plans) {
    let changed = old.address !== household.address || old.postalCode !== household.postalCode || old.memberCount !== household.members.length;
    const incomingKeys = new Set(household.members.map(memberKey));
    for (const [key, member] of keep) {
      if (!incomingKeys.has(key)) {
        await tx.delete(householdMembers).where(eq(householdMembers.id, member.id));
        changed = true;
      }
    }
    for (const [position, member] of household.members.entries()) {
      const row = keep.get(memberKey(member));
      if (!row) {
        await tx.insert(householdMembers).values(memberValues(old.id, member, position));
        changed = true;
      } else if (!sameMember(row, member, position)) {
        await tx.update(householdMembers).set(memberValues(old.id, member, position)).where(eq(householdMembers.id, row.id));
        changed = true;
      }
    }
    if (!changed) {
      counts.unchanged++;
      continue;
    }
    const points = householdPoints(program.pointsPerPerson, household.members.length);
    await tx
      .update(households)
      .set({ address: household.address, postalCode: household.postalCode, addressKey: household.addressKey, memberCount: household.members.length, points, rosterImportId: importId, updatedAt: sql`now()` })
      .where(eq(households.id, old.id));
    // Filings not yet claimed by a batch follow the corrected roster; claimed ones keep what was exported.
    await tx
      .update(filings)
      .set({ points })
      .where(
        and(
          eq(filings.householdId, old.id),
          inArray(filings.status, ["submitted", "returned", "approved"]),
          sql`not exists (select 1 from grant_batch_items i where i.filing_id = ${filings.id} and i.claims_filing)`,
        ),
      );
    counts.updated++;
  }
  return counts;
}

export const importRoster = defineOperation({
  action: "program.manage",
  schema: rosterImportSchema,
  departments: (data, tx) => departmentOfProgram(tx, data.programId),
  async run({ data, tx, actor }) {
    const program = (await getProgramById(tx, { programId: data.programId }))!;
    const parsed = parseRosterCsv(data.bytes, { referenceDate: program.referenceDate, town: getTownProfile() });
    if (!parsed.ok) {
      throw new GuardError(400, `名簿ファイルに${parsed.errors.length}件の誤りがあります。すべて直してから取り込んでください（何も取り込んでいません）。`, {
        file: parsed.errors.map((e) => `${e.line}行目: ${e.message}`),
      });
    }
    const [record] = await tx
      .insert(rosterImports)
      .values({
        programId: program.id,
        fileName: data.fileName,
        encoding: parsed.encoding,
        sha256: createHash("sha256").update(data.bytes).digest("hex"),
        households: parsed.households.length,
        members: parsed.memberCount,
        importedBy: actor.id,
      })
      .returning();
    const counts = await reconcileRoster(tx, program, parsed.households, record!.id, { allowRemovals: data.allowRemovals });
    return {
      result: { importId: record!.id, encoding: parsed.encoding, households: parsed.households.length, members: parsed.memberCount, ...counts },
      audit: {
        entity: "roster_import",
        entityId: record!.id,
        departmentId: program.departmentId,
        after: { programId: program.id, fileName: data.fileName, encoding: parsed.encoding, ...counts },
      },
    };
  },
});
