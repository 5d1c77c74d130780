import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLog } from "@/db/schema/audit";
import { filings } from "@/db/schema/filings";
import { benefitPrograms, households } from "@/db/schema/programs";
import { lineOutbox } from "@/db/schema/line";
import { runGuarded } from "@/lib/auth/guard";
import type { StaffActor } from "@/lib/auth/permissions";
import { importRoster } from "@/lib/programs/operations";
import { runResidentGuarded, type ResidentActor } from "@/lib/residents/guard";
import { createActor, createDepartment } from "@/lib/testing/factories";
import { createProgram, createResident, createVerification } from "@/lib/testing/program-factories";
import { bulkApproveFilings, decideFiling } from "./operations";
import { fileAtCounter } from "./counter-operations";
import { getFilingQueuePage } from "./queries";
import {
  filingPurpose,
  listOwnFilings,
  previewLineFiling,
  resubmitReturnedFiling,
  submitLineFiling,
  withdrawOwnFiling,
} from "./resident-operations";

const ROSTER = [
  "世帯番号,住所,氏名,氏名カナ,生年月日,性別,続柄",
  "0001,北海道上川郡当麻町3条東2丁目11番1号,当麻 太郎,トウマ タロウ,1950-09-02,男,世帯主",
  "0001,北海道上川郡当麻町3条東2丁目11番1号,当麻 花子,トウマ ハナコ,1952-04-18,女,妻",
  "0002,当麻町4条西1丁目5番3号,佐藤 健一,サトウ ケンイチ,1985-12-24,男,世帯主",
].join("\n");
const TARO = { name: "当麻 太郎", address: "北海道上川郡当麻町三条東二丁目11-1", birthdate: "1950-09-02" };
const HANAKO = { name: "当麻 花子", address: "北海道上川郡当麻町3条東2丁目11番1号", birthdate: "1952-04-18" };

let programId: string;
let counter: StaffActor;
let reviewer: StaffActor;

beforeAll(async () => {
  const departmentId = (await createDepartment()).id;
  const admin = await createActor([{ departmentId, role: "dept_admin" }]);
  counter = await createActor([{ departmentId, role: "counter" }]);
  reviewer = await createActor([{ departmentId, role: "reviewer" }]);
});

async function freshProgram({ lineRequiresJpki = true } = {}) {
  const departmentId = counter.memberships[0]!.departmentId;
  const program = await createProgram({ departmentId, pointsPerPerson: 10_000, lineRequiresJpki });
  const admin = await createActor([{ departmentId, role: "dept_admin" }]);
  const imported = await runGuarded({ actor: admin, requestId: null }, importRoster, { programId: program.id, fileName: "r.csv", bytes: new TextEncoder().encode(ROSTER) });
  if (!imported.ok) throw new Error(imported.error);
  programId = program.id;
  return program;
}

async function verifiedResident(identity: typeof TARO) {
  const row = await createResident();
  await createVerification({ residentId: row.id, purpose: filingPurpose(programId), identity });
  const actor: ResidentActor = { id: row.id, lineUserId: row.lineUserId, displayName: null };
  return actor;
}

const asResident = (resident: ResidentActor) => ({ resident, requestId: null });

describe("LINE filing", () => {
  it("derives the household from the verified identity: the head sees members and total points, then files", async () => {
    await freshProgram();
    const taro = await verifiedResident(TARO);
    const preview = await runResidentGuarded(asResident(taro), previewLineFiling, { programId });
    expect(preview).toMatchObject({ ok: true, data: { kind: "ready", points: 20_000, members: [{ name: "当麻 太郎", isHead: true }, { name: "当麻 花子" }] } });
    const filed = await runResidentGuarded(asResident(taro), submitLineFiling, { programId, confirmed: true });
    expect(filed).toMatchObject({ ok: true, data: { points: 20_000 } });
    if (!filed.ok) return;
    const db = await getDb();
    const outbox = await db.select().from(lineOutbox).where(eq(lineOutbox.cause, `filing:${filed.data.filingId}:submitted`));
    expect(outbox).toHaveLength(1);
    expect(JSON.stringify(outbox[0]!.messages)).toContain(filed.data.receiptNumber);
  });

  it("a verification stored before matching keys were (no name_key) still finds the household, the long way", async () => {
    await freshProgram();
    const row = await createResident();
    await createVerification({ residentId: row.id, purpose: filingPurpose(programId), identity: TARO, withoutMatchingKeys: true });
    const taro: ResidentActor = { id: row.id, lineUserId: row.lineUserId, displayName: null };
    expect(await runResidentGuarded(asResident(taro), submitLineFiling, { programId, confirmed: true })).toMatchObject({ ok: true, data: { points: 20_000 } });
  });

  it("without a verification the page asks for the identity step; nothing is filed", async () => {
    await freshProgram();
    const row = await createResident();
    const resident = { id: row.id, lineUserId: row.lineUserId, displayName: null };
    expect(await runResidentGuarded(asResident(resident), previewLineFiling, { programId })).toMatchObject({ ok: true, data: { kind: "needs_identity" } });
    expect(await runResidentGuarded(asResident(resident), submitLineFiling, { programId, confirmed: true })).toMatchObject({ ok: false, status: 409 });
  });

  it("a member who is not the head is told to have the head file or come to the counter, with hours", async () => {
    await freshProgram();
    const hanako = await verifiedResident(HANAKO);
    const preview = await runResidentGuarded(asResident(hanako), previewLineFiling, { programId });
    expect(preview).toMatchObject({ ok: true, data: { kind: "not_head", headName: "当麻 太郎", counter: { departmentName: expect.any(String) } } });
  });

  it("someone not on the roster is sent to the counter", async () => {
    await freshProgram();
    const stranger = await verifiedResident({ name: "旅人 一郎", address: "札幌市中央区北1条西2丁目", birthdate: "1990-01-01" });
    expect(await runResidentGuarded(asResident(stranger), previewLineFiling, { programId })).toMatchObject({ ok: true, data: { kind: "no_match" } });
  });

  it("a wrong reference code is a field error; a mismatching one is refused", async () => {
    await freshProgram();
    const taro = await verifiedResident(TARO);
    expect(await runResidentGuarded(asResident(taro), previewLineFiling, { programId, referenceCode: "AAAA" })).toMatchObject({ ok: false, status: 400, fieldErrors: { referenceCode: [expect.any(String)] } });
  });

  it("after a LINE filing, the counter is stopped with 「LINEで申請済み」, and the refusal is audited", async () => {
    await freshProgram();
    const taro = await verifiedResident(TARO);
    await runResidentGuarded(asResident(taro), submitLineFiling, { programId, confirmed: true });
    const db = await getDb();
    const [household] = (await getFilingQueuePage(db, { programId, dir: "asc", limit: 50 })).rows;
    const filing = (await db.select().from(filings).where(eq(filings.receiptNumber, household!.receiptNumber)))[0]!;
    const refused = await runGuarded({ actor: counter, requestId: null }, fileAtCounter, {
      householdId: filing.householdId,
      representativeMemberId: filing.representativeMemberId,
      identityDocument: "drivers_license",
    });
    expect(refused).toMatchObject({ ok: false, status: 409, error: expect.stringMatching(/^この世帯は\d+月\d+日にLINEで申請済みです/) });
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.entityId, filing.householdId), eq(auditLog.action, "filing.duplicate_prevented")));
    expect(audits).toHaveLength(1);
  });

  it("the check-your-answers page says the household has filed already: with a link for the filer, with the counter for others", async () => {
    await freshProgram();
    const taro = await verifiedResident(TARO);
    const hanako = await verifiedResident(HANAKO);
    await runResidentGuarded(asResident(taro), submitLineFiling, { programId, confirmed: true });
    expect(await runResidentGuarded(asResident(taro), previewLineFiling, { programId })).toMatchObject({
      ok: true,
      data: { kind: "already_filed", own: true, channel: "line", submittedAt: expect.any(Date) },
    });
    expect(await runResidentGuarded(asResident(hanako), previewLineFiling, { programId })).toMatchObject({
      ok: true,
      data: { kind: "already_filed", own: false, counter: { departmentName: expect.any(String) } },
    });
  });

  it("a card address that matches the roster only in part is filed, but marked for a reviewer and kept out of bulk approval", async () => {
    await freshProgram();
    const whole = await verifiedResident(TARO);
    const filed = await runResidentGuarded(asResident(whole), submitLineFiling, { programId, confirmed: true });
    if (!filed.ok) throw new Error(filed.error);
    const db = await getDb();
    expect((await db.select().from(filings).where(eq(filings.id, filed.data.filingId)))[0]!.addressMatch).toBe("exact");

    await freshProgram();
    const partly = await verifiedResident({ ...TARO, address: "北海道上川郡当麻町3条東2-11-1-101" });
    const partial = await runResidentGuarded(asResident(partly), submitLineFiling, { programId, confirmed: true });
    if (!partial.ok) throw new Error(partial.error);
    expect((await db.select().from(filings).where(eq(filings.id, partial.data.filingId)))[0]!.addressMatch).toBe("partial");
    const [row] = (await getFilingQueuePage(db, { programId, dir: "asc", limit: 50 })).rows;
    expect(row).toMatchObject({ id: partial.data.filingId, addressMatch: "partial" });
    const bulk = await runGuarded({ actor: reviewer, requestId: null }, bulkApproveFilings, { programId, filingIds: [partial.data.filingId] });
    expect(bulk).toMatchObject({ ok: false, status: 409, error: expect.stringContaining("住所が名簿と一部しか一致しない") });
    expect(await runGuarded({ actor: reviewer, requestId: null }, decideFiling, { filingId: partial.data.filingId, decision: "approve" })).toMatchObject({ ok: true });
  });

  it("where the program does not require JPKI, the letter's code and the head's birth date identify the household", async () => {
    const program = await freshProgram({ lineRequiresJpki: false });
    const db = await getDb();
    const [household] = await db.select().from(households).where(and(eq(households.programId, program.id), eq(households.householdCode, "0001")));
    const row = await createResident();
    const resident: ResidentActor = { id: row.id, lineUserId: row.lineUserId, displayName: null };
    expect(await runResidentGuarded(asResident(resident), previewLineFiling, { programId })).toMatchObject({ ok: true, data: { kind: "needs_reference" } });
    const wrongDate = { programId, referenceCode: household!.referenceCode, headBirthDate: "1950-09-03" };
    expect(await runResidentGuarded(asResident(resident), previewLineFiling, wrongDate)).toMatchObject({ ok: true, data: { kind: "reference_mismatch" } });
    expect(await runResidentGuarded(asResident(resident), submitLineFiling, { ...wrongDate, confirmed: true })).toMatchObject({ ok: false, status: 409 });
    const right = { programId, referenceCode: household!.referenceCode, headBirthDate: "1950-09-02" };
    expect(await runResidentGuarded(asResident(resident), previewLineFiling, right)).toMatchObject({ ok: true, data: { kind: "ready", points: 20_000 } });
    const filed = await runResidentGuarded(asResident(resident), submitLineFiling, { ...right, confirmed: true });
    if (!filed.ok) throw new Error(filed.error);
    expect((await db.select().from(filings).where(eq(filings.id, filed.data.filingId)))[0]).toMatchObject({ jpkiVerificationId: null, addressMatch: null, householdId: household!.id });
    expect(await runResidentGuarded(asResident(resident), previewLineFiling, { programId, referenceCode: "AAAA", headBirthDate: "1950-09-02" })).toMatchObject({ ok: false, status: 400 });
  });

  it("where the program requires JPKI, the code and a birth date are not enough", async () => {
    const program = await freshProgram();
    const db = await getDb();
    const [household] = await db.select().from(households).where(and(eq(households.programId, program.id), eq(households.householdCode, "0001")));
    const row = await createResident();
    const resident: ResidentActor = { id: row.id, lineUserId: row.lineUserId, displayName: null };
    const input = { programId, referenceCode: household!.referenceCode, headBirthDate: "1950-09-02" };
    expect(await runResidentGuarded(asResident(resident), previewLineFiling, input)).toMatchObject({ ok: true, data: { kind: "needs_identity" } });
    expect(await runResidentGuarded(asResident(resident), submitLineFiling, { ...input, confirmed: true })).toMatchObject({ ok: false, status: 409 });
  });

  it("a second LINE filer of the same household is refused, and the refusal is audited as the resident", async () => {
    await freshProgram();
    const taro = await verifiedResident(TARO);
    const taroAgain = await verifiedResident(TARO);
    await runResidentGuarded(asResident(taro), submitLineFiling, { programId, confirmed: true });
    const second = await runResidentGuarded(asResident(taroAgain), submitLineFiling, { programId, confirmed: true });
    expect(second).toMatchObject({
      ok: false,
      status: 409,
      error: expect.stringMatching(/^この世帯は\d+月\d+日にLINEで申請済みです/),
      resident: { code: "already_filed", channel: "line", submittedAt: expect.any(Date) },
    });
    const db = await getDb();
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.actorId, taroAgain.id), eq(auditLog.action, "filing.duplicate_prevented")));
    expect(audits).toHaveLength(1);
  });

  it("a returned filing is resubmitted after a fresh identity check; residents see only their own filings", async () => {
    await freshProgram();
    const taro = await verifiedResident(TARO);
    const filed = await runResidentGuarded(asResident(taro), submitLineFiling, { programId, confirmed: true });
    if (!filed.ok) throw new Error(filed.error);
    await runGuarded({ actor: reviewer, requestId: null }, decideFiling, { filingId: filed.data.filingId, decision: "return", reason: "住所の確認が必要です" });
    expect(await runResidentGuarded(asResident(taro), resubmitReturnedFiling, { filingId: filed.data.filingId })).toMatchObject({
      ok: false,
      status: 409,
      resident: { code: "reverify_identity" },
    });
    await createVerification({ residentId: taro.id, purpose: filingPurpose(programId), identity: TARO, verifiedAt: new Date(Date.now() + 1000) });
    expect(await runResidentGuarded(asResident(taro), resubmitReturnedFiling, { filingId: filed.data.filingId })).toMatchObject({ ok: true, data: { status: "submitted" } });

    const other = await verifiedResident(HANAKO);
    expect(await runResidentGuarded(asResident(other), withdrawOwnFiling, { filingId: filed.data.filingId })).toMatchObject({
      ok: false,
      status: 404,
      resident: { code: "filing_not_found" },
    });
    const mine = await runResidentGuarded(asResident(taro), listOwnFilings, {});
    expect(mine).toMatchObject({ ok: true, data: [{ id: filed.data.filingId, status: "submitted", events: [{ toStatus: "submitted" }, { toStatus: "returned" }, { toStatus: "submitted" }] }] });
    expect(await runResidentGuarded(asResident(other), listOwnFilings, {})).toMatchObject({ ok: true, data: [] });
  });

  it("a resident withdraws a filing only while it waits; a decided one is refused with a reason, and nothing changes", async () => {
    await freshProgram();
    const taro = await verifiedResident(TARO);
    const filed = await runResidentGuarded(asResident(taro), submitLineFiling, { programId, confirmed: true });
    if (!filed.ok) throw new Error(filed.error);
    await runGuarded({ actor: reviewer, requestId: null }, decideFiling, { filingId: filed.data.filingId, decision: "approve" });
    expect(await runResidentGuarded(asResident(taro), withdrawOwnFiling, { filingId: filed.data.filingId })).toMatchObject({
      ok: false,
      status: 409,
      error: "この申請は、もう取り下げられません。窓口でご相談ください。",
      resident: { code: "cannot_withdraw" },
    });
    const db = await getDb();
    expect((await db.select().from(filings).where(eq(filings.id, filed.data.filingId)))[0]!.status).toBe("approved");
  });

  it("a filing withdrawn already (another tab) is said to be withdrawn, not decided", async () => {
    await freshProgram();
    const taro = await verifiedResident(TARO);
    const filed = await runResidentGuarded(asResident(taro), submitLineFiling, { programId, confirmed: true });
    if (!filed.ok) throw new Error(filed.error);
    expect(await runResidentGuarded(asResident(taro), withdrawOwnFiling, { filingId: filed.data.filingId })).toMatchObject({ ok: true, data: { status: "withdrawn" } });
    expect(await runResidentGuarded(asResident(taro), withdrawOwnFiling, { filingId: filed.data.filingId })).toMatchObject({
      ok: false,
      status: 409,
      resident: { code: "already_withdrawn" },
    });
  });

  it("after the window closes, the page says which closure, and a submission from an old page is refused with the same reason", async () => {
    const program = await freshProgram();
    const taro = await verifiedResident(TARO);
    const db = await getDb();
    await db.update(benefitPrograms).set({ filingClosesAt: new Date(Date.now() - 60_000) }).where(eq(benefitPrograms.id, program.id));
    expect(await runResidentGuarded(asResident(taro), previewLineFiling, { programId })).toMatchObject({ ok: true, data: { kind: "closed", closure: "ended" } });
    expect(await runResidentGuarded(asResident(taro), submitLineFiling, { programId, confirmed: true })).toMatchObject({
      ok: false,
      status: 409,
      error: "申請の受付期間は終了しました。",
      resident: { code: "closed", closure: "ended" },
    });
    expect(await db.select().from(filings).where(eq(filings.programId, program.id))).toHaveLength(0);
  });
});
