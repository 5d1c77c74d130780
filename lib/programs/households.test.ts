import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { households } from "@/db/schema/programs";
import { runGuarded } from "@/lib/auth/guard";
import type { StaffActor } from "@/lib/auth/permissions";
import { fileAtCounter } from "@/lib/filings/counter-operations";
import { createActor, createDepartment } from "@/lib/testing/factories";
import { createProgram } from "@/lib/testing/program-factories";
import { getTownProfile } from "./town";
import { REFERENCE_ALPHABET, validateReferenceCode } from "@/lib/letters/reference-code";
import { looksLikeReferenceCode, matchIdentityToHousehold, readHouseholdQuery, searchHouseholds } from "./households";
import { getHouseholdWithMembers } from "./queries";
import { importRoster } from "./operations";

const ROSTER = [
  "世帯番号,住所,氏名,氏名カナ,生年月日,性別,続柄",
  "0001,北海道上川郡当麻町3条東2丁目11番1号,髙橋 一郎,タカハシ イチロウ,昭和25年4月1日,男,世帯主",
  "0001,当麻町3条東2丁目11番1号,髙橋 和子,タカハシ カズコ,S27.10.3,女,妻",
  "0002,当麻町4条西1丁目5番2号 コーポ当麻101号室,山﨑 花子,ヤマザキ ハナコ,1988-02-29,女,世帯主",
  "0003,当麻町5条東3丁目2-7,佐藤 茂,サトウ シゲル,1960-01-08,男,世帯主",
  "0004,当麻町緑町2丁目3番,高橋 健太,タカハシ ケンタ,平成2年5月6日,男,世帯主",
  "0005,当麻町緑町4丁目1番,北条 一郎,ホウジョウ イチロウ,1970-07-07,男,世帯主",
].join("\n");

let counter: StaffActor;
let otherCounter: StaffActor;
let programId: string;
let referenceCodeOf: Record<string, string>;

beforeAll(async () => {
  const departmentId = (await createDepartment()).id;
  const admin = await createActor([{ departmentId, role: "dept_admin" }]);
  counter = await createActor([{ departmentId, role: "counter" }]);
  otherCounter = await createActor([{ departmentId: (await createDepartment()).id, role: "counter" }]);
  programId = (await createProgram({ departmentId })).id;
  const imported = await runGuarded({ actor: admin, requestId: null }, importRoster, {
    programId,
    fileName: "roster.csv",
    bytes: new TextEncoder().encode(ROSTER),
  });
  if (!imported.ok) throw new Error(JSON.stringify(imported));
  const db = await getDb();
  const rows = await db.select().from(households).where(eq(households.programId, programId));
  referenceCodeOf = Object.fromEntries(rows.map((h) => [h.householdCode, h.referenceCode]));
});

async function codesFor(q: string) {
  const result = await runGuarded({ actor: counter, requestId: null }, searchHouseholds, { programId, q });
  if (!result.ok) throw new Error(result.error);
  return result.data.households.map((h) => h.householdCode);
}

describe("counter household search", () => {
  it.each([
    ["kana, any script and spacing", "たかはし", ["0001", "0004"]],
    ["kana with long vowel variants", "サトー", ["0003"]],
    ["kanji name with a variant character", "高橋一郎", ["0001"]],
    ["birth date in 和暦", "S25.4.1", ["0001"]],
    ["birth date in 西暦", "1988/2/29", ["0002"]],
    ["address in kanji numerals", "四条西一丁目5-2", ["0002"]],
    ["address with 番地 form", "3条東2丁目11番地1", ["0001"]],
  ])("finds by %s (%s)", async (_label, q, expected) => {
    expect(await codesFor(q)).toEqual(expected);
  });

  it("reads a reference code without any digit, typed ungrouped in lowercase, as a code (not a name)", () => {
    const letters = [...REFERENCE_ALPHABET].filter((c) => /[A-Z]/.test(c));
    let code: string | undefined;
    for (let i = 0; !code && i < letters.length; i++) {
      const payload = letters.slice(i, i + 11).concat(letters).slice(0, 11).join("");
      code = letters.map((check) => payload + check).find((candidate) => validateReferenceCode(candidate).ok);
    }
    expect(code).toMatch(/^[A-Z]{12}$/);
    expect(looksLikeReferenceCode(code!.toLowerCase())).toBe(true);
    // Twelve letters that fail the check stay a name search.
    expect(looksLikeReferenceCode("ACDEFGHJKLMN".toLowerCase())).toBe(validateReferenceCode("ACDEFGHJKLMN").ok);
  });

  it("finds by reference code, typed with lowercase and without hyphens", async () => {
    const code = referenceCodeOf["0002"]!;
    expect(await codesFor(code.replaceAll("-", "").toLowerCase())).toEqual(["0002"]);
  });

  it.each([
    ["kana and a 和暦 birth date", "たかはし S25.4.1", ["0001"]],
    ["kana and a birth date written 昭和…年…月…日 with spaces", "タカハシ　昭和25年 4月1日", ["0001"]],
    ["a place and a name", "緑町 高橋", ["0004"]],
    ["a name and a place, full-width space", "高橋　緑町", ["0004"]],
    ["a full name typed with a space", "高橋 一郎", ["0001"]],
    ["a full kana name typed with a space", "たかはし けんた", ["0004"]],
    ["a family name that looks like a place, with the given name", "北条 一郎", ["0005"]],
    ["a place-like family name alone", "北条", ["0005"]],
    ["kana and an address", "たかはし 3条東2丁目", ["0001"]],
    ["an address written with a space, and kana", "3条東2丁目 11-1 たかはし", ["0001"]],
    ["an address written with a space", "3条東2丁目 11番1号", ["0001"]],
    ["the town's name adds nothing", "当麻町 佐藤", ["0003"]],
    ["a place, kana and a 西暦 birth date", "緑町 たかはし 1990/5/6", ["0004"]],
    ["criteria that do not meet", "さとう 4条西", []],
  ])("combines criteria: %s (%s)", async (_label, q, expected) => {
    expect(await codesFor(q)).toEqual(expected);
  });

  it("finds by reference code typed with full-width characters and spaces", async () => {
    const code = referenceCodeOf["0003"]!;
    const fullWidth = code.replaceAll("-", " ").replace(/[A-Z0-9 ]/g, (c) => (c === " " ? "　" : String.fromCharCode(c.charCodeAt(0) + 0xfee0)));
    expect(await codesFor(fullWidth)).toEqual(["0003"]);
  });

  it("a mistyped reference code is a field error with the reason, not an address or name search", async () => {
    const code = referenceCodeOf["0002"]!;
    const last = code.at(-1)!;
    const typo = `${code.slice(0, -1)}${last === "X" ? "Y" : "X"}`;
    const cases: [string, string][] = [
      [typo, "照会番号が正しくありません。もう一度お確かめください"],
      [typo.toLowerCase().replaceAll("-", " "), "照会番号が正しくありません。もう一度お確かめください"],
      [code.slice(0, -1), "照会番号は12文字です（入力は11文字）"],
      [`${code.slice(0, 5)}O${code.slice(6)}`, "照会番号に使われない文字「O」があります"],
      [`たかはし ${typo}`, "照会番号が正しくありません。もう一度お確かめください"],
    ];
    for (const [q, reason] of cases) {
      const result = await runGuarded({ actor: counter, requestId: null }, searchHouseholds, { programId, q });
      expect(result, q).toMatchObject({ ok: false, status: 400, fieldErrors: { q: [reason] } });
    }
  });

  it("reads a query into criteria without touching the database", () => {
    const town = getTownProfile();
    expect(readHouseholdQuery("たかはし S25.4.1", town)).toEqual({
      ok: true,
      criteria: [
        { kind: "kana", key: "たかはし" },
        { kind: "birth_date", date: "1950-04-01" },
      ],
    });
    expect(readHouseholdQuery("四条西一丁目5-2", town)).toMatchObject({ ok: true, criteria: [{ kind: "address" }] });
    expect(readHouseholdQuery("緑町 高橋", town)).toMatchObject({ ok: true, criteria: [{ kind: "words", fullName: "緑町高橋" }] });
    // Dates and words that are not codes are not mistaken for one.
    expect(readHouseholdQuery("19500401", town)).toEqual({ ok: true, criteria: [{ kind: "birth_date", date: "1950-04-01" }] });
    expect(readHouseholdQuery("SMITH JOHN", town)).toMatchObject({ ok: true, criteria: [{ kind: "name" }] });
    expect(readHouseholdQuery("当麻町", town)).toMatchObject({ ok: false });
  });

  it("shows the household's current filing so the clerk sees 申請済み at once", async () => {
    const found = await runGuarded({ actor: counter, requestId: null }, searchHouseholds, { programId, q: "ヤマザキ" });
    if (!found.ok) throw new Error(found.error);
    const household = found.data.households[0]!;
    await runGuarded({ actor: counter, requestId: null }, fileAtCounter, {
      householdId: household.id,
      representativeMemberId: household.members[0]!.id,
      identityDocument: "my_number_card",
    });
    const again = await runGuarded({ actor: counter, requestId: null }, searchHouseholds, { programId, q: "ヤマザキ" });
    expect(again).toMatchObject({ ok: true, data: { households: [{ activeFiling: { channel: "counter", status: "submitted" } }] } });
  });

  it("another department's counter gets 403; an empty query is a field error", async () => {
    expect(await runGuarded({ actor: otherCounter, requestId: null }, searchHouseholds, { programId, q: "たかはし" })).toMatchObject({ ok: false, status: 403 });
    expect(await runGuarded({ actor: counter, requestId: null }, searchHouseholds, { programId, q: " " })).toMatchObject({ ok: false, status: 400 });
  });
});

describe("matching verified 基本4情報 to the roster", () => {
  it("the head, with the address written differently, matches as head", async () => {
    const match = await matchIdentityToHousehold(await getDb(), {
      programId,
      identity: { name: "髙橋　一郎", birthDate: "1950-04-01", address: "北海道上川郡当麻町三条東二丁目11-1" },
    });
    expect(match).toMatchObject({ kind: "head", member: { birthDate: "1950-04-01", isHead: true } });
    // The whole household comes with the match, members in roster order.
    if (match.kind === "no_match") throw new Error("expected a match");
    expect(match.household).toEqual(await getHouseholdWithMembers(await getDb(), { householdId: match.householdId }));
    expect(match.household.members.length).toBeGreaterThan(1);
  });

  it("another member matches as not the head", async () => {
    const match = await matchIdentityToHousehold(await getDb(), {
      programId,
      identity: { name: "髙橋 和子", birthDate: "1952-10-03", address: "当麻町3条東2丁目11番1号" },
    });
    expect(match.kind).toBe("not_head");
  });

  it.each([
    ["a different birth date", { name: "髙橋 一郎", birthDate: "1950-04-02", address: "当麻町3条東2丁目11番1号" }],
    ["a different 番地", { name: "髙橋 一郎", birthDate: "1950-04-01", address: "当麻町3条東2丁目12番1号" }],
    ["a different 条", { name: "髙橋 一郎", birthDate: "1950-04-01", address: "当麻町4条東2丁目11番1号" }],
  ])("no match for %s", async (_label, identity) => {
    expect((await matchIdentityToHousehold(await getDb(), { programId, identity })).kind).toBe("no_match");
  });
});
