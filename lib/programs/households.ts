import "server-only";
import { and, asc, eq, ilike, inArray, like, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "@/db";
import { ACTIVE_FILING_STATUSES, filings } from "@/db/schema/filings";
import { householdMembers, households, type Household, type HouseholdMember } from "@/db/schema/programs";
import { GuardError, MESSAGES } from "@/lib/auth/guard";
import { defineOperation } from "@/lib/auth/operation";
import { parseJapaneseDate } from "@/lib/dates/wareki";
import { householdSearchSchema } from "@/lib/filings/validations";
import { validateReferenceCode } from "@/lib/letters/reference-code";
import { addressKey, compareAddresses, kanaKey, nameKey } from "@/lib/matching/normalize";
import { getProgramById } from "./queries";
import { getTownProfile } from "./town";

const SEARCH_LIMIT = 20;

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * What the clerk typed, read the way a counter clerk means it: a reference code, a birth date, kana,
 * an address (has digits or 丁目/番/条), or otherwise a name.
 */
export function householdSearchCondition(q: string): SQL {
  const reference = validateReferenceCode(q);
  if (reference.ok) return eq(households.referenceCode, reference.code);
  const date = parseJapaneseDate(q);
  if (date.ok) return eq(householdMembers.birthDate, date.date);
  const text = q.normalize("NFKC").trim();
  if (/^[\p{Script=Hiragana}\p{Script=Katakana}ー\s]+$/u.test(text)) {
    return like(householdMembers.kanaKey, `${escapeLike(kanaKey(text))}%`);
  }
  if (/\d|丁目|番地|条|号/u.test(text)) {
    return ilike(households.addressKey, `%${escapeLike(addressKey(text, getTownProfile()))}%`);
  }
  // Clerks type the family name first: a prefix match finds it and uses the index.
  return like(householdMembers.nameKey, `${escapeLike(nameKey(text))}%`);
}

/** Counter search: households with members and the household's current filing, if any. Audited. */
export const searchHouseholds = defineOperation({
  action: "household.search",
  schema: householdSearchSchema,
  departments: async (data, tx) => {
    const program = await getProgramById(tx, { programId: data.programId });
    if (!program) throw new GuardError(404, MESSAGES.notFound);
    return [program.departmentId];
  },
  async run({ data, tx }) {
    const matches = await tx
      .selectDistinct({ id: households.id, householdCode: households.householdCode })
      .from(households)
      .innerJoin(householdMembers, eq(householdMembers.householdId, households.id))
      .where(and(eq(households.programId, data.programId), householdSearchCondition(data.q)))
      .orderBy(asc(households.householdCode))
      .limit(SEARCH_LIMIT + 1);
    const ids = matches.slice(0, SEARCH_LIMIT).map((m) => m.id);
    const result = await loadHouseholdCards(tx, data.programId, ids);
    return {
      result: { households: result, truncated: matches.length > SEARCH_LIMIT },
      audit: { action: "household.search", entity: "benefit_program", entityId: data.programId, after: { q: data.q, shown: result.length } },
    };
  },
});

export async function loadHouseholdCards(db: Executor, programId: string, householdIds: string[]) {
  if (householdIds.length === 0) return [];
  const [rows, members, active] = await Promise.all([
    db.select().from(households).where(inArray(households.id, householdIds)).orderBy(asc(households.householdCode)),
    db.select().from(householdMembers).where(inArray(householdMembers.householdId, householdIds)).orderBy(asc(householdMembers.position)),
    db
      .select({ householdId: filings.householdId, receiptNumber: filings.receiptNumber, status: filings.status, channel: filings.channel, submittedAt: filings.submittedAt })
      .from(filings)
      .where(and(eq(filings.programId, programId), inArray(filings.householdId, householdIds), inArray(filings.status, [...ACTIVE_FILING_STATUSES]))),
  ]);
  return rows.map((household) => ({
    ...household,
    members: members.filter((m) => m.householdId === household.id),
    activeFiling: active.find((f) => f.householdId === household.id) ?? null,
  }));
}

export type IdentityFacts = { name: string; birthDate: string; address: string };

export type MatchedHousehold = Household & { members: HouseholdMember[] };

export type IdentityMatch =
  | { kind: "head"; householdId: string; member: HouseholdMember; household: MatchedHousehold }
  | { kind: "not_head"; householdId: string; member: HouseholdMember; household: MatchedHousehold }
  | { kind: "no_match" };

/**
 * Matches verified 基本4情報 to the roster: same normalised name and birth date, at the same place
 * (address block, allowing the building or room to be written differently). One query brings every member
 * of each candidate household, so the matched household comes back whole.
 */
export async function matchIdentityToHousehold(db: Executor, { programId, identity }: { programId: string; identity: IdentityFacts }): Promise<IdentityMatch> {
  const key = nameKey(identity.name);
  const candidate = alias(householdMembers, "candidate");
  const rows = await db
    .select({ member: householdMembers, household: households })
    .from(householdMembers)
    .innerJoin(households, eq(households.id, householdMembers.householdId))
    .where(
      and(
        eq(households.programId, programId),
        inArray(
          householdMembers.householdId,
          db
            .select({ householdId: candidate.householdId })
            .from(candidate)
            .where(and(eq(candidate.birthDate, identity.birthDate), eq(candidate.nameKey, key))),
        ),
      ),
    )
    .orderBy(asc(householdMembers.householdId), asc(householdMembers.position));
  const town = getTownProfile();
  const atAddress = rows.filter(
    (r) => r.member.nameKey === key && r.member.birthDate === identity.birthDate && compareAddresses(r.household.address, identity.address, town) !== "none",
  );
  const match = atAddress.find((r) => r.member.isHead) ?? atAddress[0];
  if (!match) return { kind: "no_match" };
  const household = { ...match.household, members: rows.filter((r) => r.household.id === match.household.id).map((r) => r.member) };
  return { kind: match.member.isHead ? "head" : "not_head", householdId: household.id, member: match.member, household };
}
