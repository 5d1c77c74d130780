import "server-only";
import { and, asc, eq, ilike, inArray, like, or, type SQL } from "drizzle-orm";
import { alias, QueryBuilder } from "drizzle-orm/pg-core";
import type { Executor } from "@/db";
import { ACTIVE_FILING_STATUSES, filings, type AddressMatch } from "@/db/schema/filings";
import { householdMembers, households, type Household, type HouseholdMember } from "@/db/schema/programs";
import { z } from "zod";
import { GuardError, MESSAGES } from "@/lib/auth/guard";
import { defineOperation } from "@/lib/auth/operation";
import { parseJapaneseDate } from "@/lib/dates/wareki";
import { householdSearchSchema } from "./validations";
import { canonicalReferenceCode, validateReferenceCode } from "@/lib/letters/reference-code";
import { addressKey, compareAddresses, kanaKey, nameKey, type TownProfile } from "@/lib/matching/normalize";
import { getProgramById } from "./queries";
import { getTownProfile } from "./town";
import { escapeLike } from "@/lib/validation/text";

const SEARCH_LIMIT = 20;

/** One condition of a counter search; every criterion of a query must hold (AND). */
export type HouseholdSearchCriterion =
  | { kind: "reference"; code: string }
  | { kind: "birth_date"; date: string }
  | { kind: "kana"; key: string }
  | { kind: "name"; key: string }
  | { kind: "address"; key: string }
  /** A place-like word without a number (緑町, 北条): a name prefix or part of an address. */
  | { kind: "name_or_address"; name: string; address: string }
  /** Words typed with spaces that may be one full name (北条 一郎) or separate criteria (緑町 高橋). */
  | { kind: "words"; fullName: string; each: HouseholdSearchCriterion[] };

export type HouseholdQueryReading = { ok: true; criteria: HouseholdSearchCriterion[] } | { ok: false; reason: string };

const REFERENCE_GROUPED = /^[A-Z0-9]{3,5}(?:[-‐－ー−]+[A-Z0-9]{3,5}){2}$/iu;
const KANA_ONLY = /^[\p{Script=Hiragana}\p{Script=Katakana}ー]+$/u;
// Words that name places; without a number they may still be a family name (北条, 町田), so both are tried.
const PLACE_LIKE = /丁目|番地|条|号|線|町|通|区|団地|地割/u;

/**
 * Typed in the code's shape (ASCII letters and digits, about 12 long, or the printed 4-4-4 grouping): then it is
 * meant as a 照会番号 even with a wrong or look-alike character, and is checked instead of searched as text.
 */
export function looksLikeReferenceCode(text: string): boolean {
  const compact = canonicalReferenceCode(text);
  if (!/^[A-Z0-9]{10,14}$/u.test(compact) || !/[A-Z]/u.test(compact)) return false;
  if (/\d/u.test(compact) || REFERENCE_GROUPED.test(text.normalize("NFKC").trim().replace(/\s+/gu, "-"))) return true;
  // About one code in fifty has no digit: typed ungrouped it is still a code when its check character holds.
  return validateReferenceCode(compact).ok;
}

type TokenClass = "date" | "kana" | "address" | "place" | "name";

function classifyToken(token: string): TokenClass {
  if (parseJapaneseDate(token).ok) return "date";
  if (KANA_ONLY.test(token)) return "kana";
  if (/\d/u.test(token)) return "address";
  return PLACE_LIKE.test(token) ? "place" : "name";
}

function textCriterion(kind: "name" | "place", token: string, town: TownProfile): HouseholdSearchCriterion | null {
  const name = nameKey(token);
  if (kind === "name") return name ? { kind: "name", key: name } : null;
  const address = addressKey(token, town);
  // The town's own name is stripped from address keys: 「当麻町」 narrows nothing.
  if (!address) return null;
  return { kind: "name_or_address", name, address };
}

/**
 * What the clerk typed, read the way a counter clerk means it. The whole input is first tried as a reference
 * code and as a birth date (both may contain spaces); otherwise it is split on spaces (full-width too) and every
 * part must match: birth dates (S25.4.1, 昭和25年4月1日), kana, addresses (has a digit), place words, names.
 * Neighbouring parts of one kind are read together: 「たかはし いちろう」 is one kana name, 「3条東2丁目 11-1」 one address.
 */
export function readHouseholdQuery(q: string, town: TownProfile): HouseholdQueryReading {
  const text = q.normalize("NFKC").replace(/\s+/gu, " ").trim();
  if (looksLikeReferenceCode(text)) {
    const reference = validateReferenceCode(text);
    return reference.ok ? { ok: true, criteria: [{ kind: "reference", code: reference.code }] } : { ok: false, reason: reference.reason };
  }
  const whole = parseJapaneseDate(text);
  if (whole.ok) return { ok: true, criteria: [{ kind: "birth_date", date: whole.date }] };

  const criteria: HouseholdSearchCriterion[] = [];
  const tokens = text.split(" ").filter(Boolean);
  for (let i = 0; i < tokens.length; ) {
    const token = tokens[i]!;
    if (looksLikeReferenceCode(token)) {
      const reference = validateReferenceCode(token);
      if (!reference.ok) return { ok: false, reason: reference.reason };
      criteria.push({ kind: "reference", code: reference.code });
      i++;
      continue;
    }
    const kind = classifyToken(token);
    // A run of neighbouring parts that belong together.
    const sameRun = (next: string) =>
      !looksLikeReferenceCode(next) &&
      (kind === "name" || kind === "place" ? ["name", "place"].includes(classifyToken(next)) : kind !== "date" && classifyToken(next) === kind);
    let end = i + 1;
    while (end < tokens.length && sameRun(tokens[end]!)) end++;
    const run = tokens.slice(i, end);
    i = end;
    if (kind === "date") {
      criteria.push({ kind: "birth_date", date: (parseJapaneseDate(token) as { ok: true; date: string }).date });
    } else if (kind === "kana") {
      const key = kanaKey(run.join(""));
      if (key) criteria.push({ kind: "kana", key });
    } else if (kind === "address") {
      // 「昭和25年 4月1日」 is a date written with a space.
      const date = parseJapaneseDate(run.join(""));
      if (date.ok) criteria.push({ kind: "birth_date", date: date.date });
      else {
        const key = addressKey(run.join(" "), town);
        if (key) criteria.push({ kind: "address", key });
      }
    } else {
      const classes = run.map((word) => classifyToken(word) as "name" | "place");
      const fullName = nameKey(run.join(""));
      if (classes.every((c) => c === "name")) {
        // Only names: one full name (「高橋 一郎」), found through the name index.
        if (fullName) criteria.push({ kind: "name", key: fullName });
      } else {
        const each = run.map((word, k) => textCriterion(classes[k]!, word, town)).filter((c) => c !== null);
        if (run.length === 1) criteria.push(...each);
        else if (each.length > 0) criteria.push({ kind: "words", fullName, each });
      }
    }
  }
  if (criteria.length === 0) return { ok: false, reason: "これだけでは世帯を絞り込めません。照会番号・氏名・カナ・住所（条・丁目・番地）・生年月日を入力してください" };
  return { ok: true, criteria };
}

const subqueries = new QueryBuilder();

/** Households with at least one member matching; a semi-join that uses the members' prefix and date indexes. */
function memberMatches(condition: SQL): SQL {
  return inArray(households.id, subqueries.select({ id: householdMembers.householdId }).from(householdMembers).where(condition));
}

export function householdSearchCondition(criterion: HouseholdSearchCriterion): SQL {
  switch (criterion.kind) {
    case "reference":
      return eq(households.referenceCode, criterion.code);
    case "birth_date":
      return memberMatches(eq(householdMembers.birthDate, criterion.date));
    case "kana":
      return memberMatches(like(householdMembers.kanaKey, `${escapeLike(criterion.key)}%`));
    case "name":
      // Clerks type the family name first: a prefix match finds it and uses the index.
      return memberMatches(like(householdMembers.nameKey, `${escapeLike(criterion.key)}%`));
    case "address":
      return ilike(households.addressKey, `%${escapeLike(criterion.key)}%`);
    case "name_or_address":
      return or(householdSearchCondition({ kind: "name", key: criterion.name }), householdSearchCondition({ kind: "address", key: criterion.address }))!;
    case "words":
      return or(
        householdSearchCondition({ kind: "name", key: criterion.fullName }),
        and(...criterion.each.map(householdSearchCondition)),
      )!;
  }
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
    const reading = readHouseholdQuery(data.q, getTownProfile());
    // A mistyped 照会番号 is reported, not searched as an address or a name.
    if (!reading.ok) throw new GuardError(400, MESSAGES.invalid, { q: [reading.reason] });
    const matches = await tx
      .select({ id: households.id })
      .from(households)
      .where(and(eq(households.programId, data.programId), ...reading.criteria.map(householdSearchCondition)))
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

/**
 * The clerk opened a household that has already filed and was stopped by 「申請済み」: a duplicate prevented at
 * the counter, recorded once per opening so the report's figure counts stops that never reached a submission.
 */
export const recordCounterDuplicateStop = defineOperation({
  action: "household.search",
  schema: z.object({ programId: z.uuid({ error: "事業を選んでください" }), householdId: z.uuid({ error: "世帯を選んでください" }) }),
  departments: async (data, tx) => {
    const program = await getProgramById(tx, { programId: data.programId });
    if (!program) throw new GuardError(404, MESSAGES.notFound);
    return [program.departmentId];
  },
  async run({ data, tx }) {
    const [active] = await tx
      .select({ id: filings.id })
      .from(filings)
      .where(and(eq(filings.programId, data.programId), eq(filings.householdId, data.householdId), inArray(filings.status, ["submitted", "approved", "granted"])))
      .limit(1);
    if (!active) throw new GuardError(409, "この世帯には受付済みの申請がありません。");
    return {
      result: { existingFilingId: active.id },
      audit: {
        action: "filing.duplicate_prevented",
        entity: "household",
        entityId: data.householdId,
        after: { programId: data.programId, channel: "counter", stage: "search", existingFilingId: active.id },
      },
    };
  },
});

export async function loadHouseholdCards(db: Executor, programId: string, householdIds: string[]) {
  if (householdIds.length === 0) return [];
  const [rows, members, active] = await Promise.all([
    db.select().from(households).where(inArray(households.id, householdIds)).orderBy(asc(households.householdCode)),
    db.select().from(householdMembers).where(inArray(householdMembers.householdId, householdIds)).orderBy(asc(householdMembers.position)),
    db
      .select({
        id: filings.id,
        householdId: filings.householdId,
        receiptNumber: filings.receiptNumber,
        status: filings.status,
        channel: filings.channel,
        submittedAt: filings.submittedAt,
        representativeMemberId: filings.representativeMemberId,
        points: filings.points,
        // A returned filing is shown with why it was returned: the counter resubmits it.
        decisionReason: filings.decisionReason,
      })
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
  | { kind: "head" | "not_head"; householdId: string; member: HouseholdMember; household: MatchedHousehold; addressMatch: AddressMatch }
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
  return matchIdentityInRows(rows, { nameKey: key, birthDate: identity.birthDate, address: identity.address });
}

/**
 * The match among candidate rows (every member of each household where a member has the identity's name key and
 * birth date), wherever those rows were read: a whole-address match beats a partial one; among equals, the head.
 */
export function matchIdentityInRows(
  rows: { member: HouseholdMember; household: Household }[],
  identity: { nameKey: string; birthDate: string; address: string },
): IdentityMatch {
  const key = identity.nameKey;
  const town = getTownProfile();
  const atAddress = rows
    .filter((r) => r.member.nameKey === key && r.member.birthDate === identity.birthDate)
    .map((r) => ({ ...r, addressMatch: compareAddresses(r.household.address, identity.address, town) }))
    .filter((r): r is typeof r & { addressMatch: AddressMatch } => r.addressMatch !== "none");
  // A whole-address match beats a partial one; among equals, the head.
  const rank = (r: (typeof atAddress)[number]) => (r.addressMatch === "partial" ? 2 : 0) + (r.member.isHead ? 0 : 1);
  const match = atAddress.sort((a, b) => rank(a) - rank(b))[0];
  if (!match) return { kind: "no_match" };
  const household = { ...match.household, members: rows.filter((r) => r.household.id === match.household.id).map((r) => r.member) };
  return { kind: match.member.isHead ? "head" : "not_head", householdId: household.id, member: match.member, household, addressMatch: match.addressMatch };
}
