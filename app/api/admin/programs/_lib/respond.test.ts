import { and, eq, inArray, sql } from "drizzle-orm";
import iconv from "iconv-lite";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLog } from "@/db/schema/audit";
import { filings } from "@/db/schema/filings";
import { grantBatches } from "@/db/schema/grants";
import { householdMembers } from "@/db/schema/programs";
import { runGuarded } from "@/lib/auth/guard";
import type { StaffActor } from "@/lib/auth/permissions";
import { submitFiling } from "@/lib/filings/core";
import { simulateResultFile } from "@/lib/grants/export/simulator";
import { createGrantBatch } from "@/lib/grants/operations";
import { importBatchResultFile, vendorMapping } from "@/lib/grants/result-import";
import { createActor, createDepartment } from "@/lib/testing/factories";
import { createHousehold, createProgram } from "@/lib/testing/program-factories";
import { markWhenComplete, respondWithBatchFile, respondWithGuideLetters, respondWithReportCsv, respondWithSimulatedResult } from "./respond";

let department: { id: string };
let admin: StaffActor;
let reviewer: StaffActor;
let outsider: StaffActor;
const as = (actor: StaffActor | null) => ({ actor, requestId: `req-${Math.random()}` });

beforeAll(async () => {
  department = await createDepartment();
  const other = await createDepartment();
  admin = await createActor([{ departmentId: department.id, role: "dept_admin" }]);
  reviewer = await createActor([{ departmentId: department.id, role: "reviewer" }]);
  outsider = await createActor([{ departmentId: other.id, role: "dept_admin" }]);
});

async function bytesOf(response: Response): Promise<Buffer> {
  return Buffer.from(await response.arrayBuffer());
}

async function programWithApprovedFilings(count: number) {
  const program = await createProgram({ departmentId: department.id });
  const db = await getDb();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const household = await createHousehold({ programId: program.id, members: 2 });
    const filing = await db.transaction((tx) => submitFiling(tx, { program, household, representativeMemberId: household.members[0]!.id, channel: "counter" }));
    ids.push(filing.id);
  }
  await db.update(filings).set({ status: "approved", decidedAt: sql`now()` }).where(inArray(filings.id, ids));
  return { program, filingIds: ids };
}

describe("report CSV route", () => {
  it("answers 401, 403 and 404 as JSON and writes no file", async () => {
    const program = await createProgram({ departmentId: department.id });
    const anonymous = await respondWithReportCsv(as(null), program.id);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: expect.any(String) });
    expect((await respondWithReportCsv(as(outsider), program.id)).status).toBe(403);
    expect((await respondWithReportCsv(as(admin), "00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });

  it("is UTF-8 with a BOM, holds the report's figures, and is audited as an export", async () => {
    const { program } = await programWithApprovedFilings(2);
    const response = await respondWithReportCsv(as(reviewer), program.id, new Date("2026-11-22T03:00:00Z"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toContain("program-report-20261122.csv");
    const bytes = await bytesOf(response);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString("utf8").split("\r\n");
    expect(lines[0]).toBe("項目,値");
    expect(lines).toContain("申請数,2");
    expect(lines).toContain("窓口申請,2");
    const db = await getDb();
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.action, "program.report_export"), eq(auditLog.entityId, program.id)));
    expect(audits).toHaveLength(1);
  });
});

describe("guide letters route", () => {
  it("streams one PDF for the program's households; other departments get 403, an empty roster 409", async () => {
    const program = await createProgram({ departmentId: department.id });
    expect((await respondWithGuideLetters(as(admin), program.id)).status).toBe(409);
    await createHousehold({ programId: program.id, members: 2 });
    await createHousehold({ programId: program.id, members: 1 });
    expect((await respondWithGuideLetters(as(outsider), program.id)).status).toBe(403);
    expect((await respondWithGuideLetters(as(reviewer), program.id)).status).toBe(403);
    const response = await respondWithGuideLetters(as(admin), program.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    const pdf = await bytesOf(response);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // One page per household.
    expect(pdf.toString("latin1").match(/\/Type \/Page\b/g)).toHaveLength(2);
  }, 60_000);

  it("reprints one household's letter by its household code, audited against that household; an unknown code is a clear 404", async () => {
    const program = await createProgram({ departmentId: department.id });
    const [first] = [await createHousehold({ programId: program.id }), await createHousehold({ programId: program.id })];
    const response = await respondWithGuideLetters(as(admin), program.id, first!.householdCode);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain(`_${first!.householdCode}.pdf`);
    expect((await bytesOf(response)).toString("latin1").match(/\/Type \/Page\b/g)).toHaveLength(1);
    const db = await getDb();
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.action, "program.letter_reprint"), eq(auditLog.entityId, first!.id)));
    expect(audits).toHaveLength(1);

    const unknown = await respondWithGuideLetters(as(admin), program.id, "NO-SUCH");
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: "世帯番号 NO-SUCH の世帯は、この事業の名簿にありません。" });
  }, 60_000);
});

describe("batch file route", () => {
  it("streams the vendor file with control totals, then marks the batch exported", async () => {
    const { program, filingIds } = await programWithApprovedFilings(3);
    const created = await runGuarded(as(admin), createGrantBatch, { programId: program.id });
    if (!created.ok) throw new Error(created.error);
    const batch = created.data;

    expect((await respondWithBatchFile(as(outsider), program.id, batch.id)).status).toBe(403);
    const otherProgram = await createProgram({ departmentId: department.id });
    expect((await respondWithBatchFile(as(admin), otherProgram.id, batch.id)).status).toBe(404);

    const response = await respondWithBatchFile(as(admin), program.id, batch.id);
    expect(response.status).toBe(200);
    const bytes = await bytesOf(response);
    const text = iconv.decode(bytes, "cp932");
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toBe(vendorMapping().columns.map((c) => c.label).join(","));
    expect(lines).toHaveLength(1 + 3 + 1);
    expect(lines.at(-1)).toBe(`合計,${batch.batchNumber},3,60000`);
    for (const id of filingIds) expect(text).toContain(id);
    const db = await getDb();
    const [after] = await db.select().from(grantBatches).where(eq(grantBatches.id, batch.id));
    expect(after!.status).toBe("exported");

    // The simulator's answer to that very file is accepted and grants every filing.
    const result = Buffer.concat(await simulateResultFile(bytes, { mapping: vendorMapping() }).toArray());
    const applied = await runGuarded(as(admin), importBatchResultFile, { batchId: batch.id, fileName: "r.csv", bytes: new Uint8Array(result) });
    expect(applied).toMatchObject({ ok: true, data: { granted: 3, failed: 0 } });
  });

  it("a name Shift_JIS cannot hold: 409 with the receipt number and character before any byte is sent; nothing marked or audited", async () => {
    expect(vendorMapping().encoding).toBe("shift_jis");
    const { program, filingIds } = await programWithApprovedFilings(3);
    const db = await getDb();
    const [filing] = await db.select().from(filings).where(eq(filings.id, filingIds[1]!));
    await db.update(householdMembers).set({ name: "𩸽 太郎" }).where(eq(householdMembers.id, filing!.representativeMemberId));
    const created = await runGuarded(as(admin), createGrantBatch, { programId: program.id });
    if (!created.ok) throw new Error(created.error);

    const response = await respondWithBatchFile(as(admin), program.id, created.data.id);
    expect(response.status).toBe(409);
    expect(response.headers.get("content-type")).toContain("application/json");
    const body = (await response.json()) as { error: string };
    expect(body.error).toContain(`受付番号 ${filing!.receiptNumber} の氏名の「𩸽」は Shift_JIS で出力できません`);
    const [batch] = await db.select().from(grantBatches).where(eq(grantBatches.id, created.data.id));
    expect(batch!.status).toBe("open");
    expect(batch!.exportedAt).toBeNull();
    const exports = await db.select().from(auditLog).where(and(eq(auditLog.action, "grant.batch_file_export"), eq(auditLog.entityId, created.data.id)));
    expect(exports).toHaveLength(0);

    // Once the roster's spelling is fixed, the same batch exports (the control case).
    await db.update(householdMembers).set({ name: "ほっけ 太郎" }).where(eq(householdMembers.id, filing!.representativeMemberId));
    const fixed = await respondWithBatchFile(as(admin), program.id, created.data.id);
    expect(fixed.status).toBe(200);
    expect(iconv.decode(await bytesOf(fixed), "cp932")).toContain("ほっけ 太郎");
    const [exported] = await db.select().from(grantBatches).where(eq(grantBatches.id, created.data.id));
    expect(exported!.status).toBe("exported");
  });

  it("a result file whose totals disagree is refused with line numbers and applies nothing", async () => {
    const { program } = await programWithApprovedFilings(2);
    const created = await runGuarded(as(admin), createGrantBatch, { programId: program.id });
    if (!created.ok) throw new Error(created.error);
    const file = await bytesOf(await respondWithBatchFile(as(admin), program.id, created.data.id));
    const result = Buffer.concat(await simulateResultFile(file, { mapping: vendorMapping() }).toArray());
    const lines = iconv.decode(result, "cp932").split("\r\n");
    lines[1] = lines[1]!.replace(/,20000,付与,/, ",30000,付与,");
    const tampered = iconv.encode(lines.join("\r\n"), "cp932");
    const outcome = await runGuarded(as(admin), importBatchResultFile, { batchId: created.data.id, fileName: "r.csv", bytes: new Uint8Array(tampered) });
    expect(outcome).toMatchObject({ ok: false, status: 400 });
    if (outcome.ok) return;
    expect(outcome.fieldErrors?.file?.some((m) => m.startsWith("2行目:"))).toBe(true);
    const db = await getDb();
    const [batch] = await db.select().from(grantBatches).where(eq(grantBatches.id, created.data.id));
    expect(batch!.status).toBe("exported");
    const statuses = await db.select({ status: filings.status }).from(filings).where(eq(filings.programId, program.id));
    expect(statuses.every((s) => s.status === "approved")).toBe(true);
  });

  it("the simulator answers an exported batch only, with the requested failures", async () => {
    const { program } = await programWithApprovedFilings(4);
    const created = await runGuarded(as(admin), createGrantBatch, { programId: program.id });
    if (!created.ok) throw new Error(created.error);
    const batchId = created.data.id;
    expect((await respondWithSimulatedResult(as(admin), program.id, batchId, 0)).status).toBe(409);
    await bytesOf(await respondWithBatchFile(as(admin), program.id, batchId));
    expect((await respondWithSimulatedResult(as(reviewer), program.id, batchId, 0)).status).toBe(403);
    const response = await respondWithSimulatedResult(as(admin), program.id, batchId, 0.3);
    expect(response.status).toBe(200);
    const result = await bytesOf(response);
    const rows = iconv.decode(result, "cp932").trimEnd().split("\r\n").slice(1, -1);
    expect(rows).toHaveLength(4);
    const applied = await runGuarded(as(admin), importBatchResultFile, { batchId, fileName: "sim.csv", bytes: new Uint8Array(result) });
    if (!applied.ok) throw new Error(applied.error);
    expect(applied.data.granted + applied.data.failed).toBe(4);
    expect(applied.data.failed).toBe(rows.filter((r) => r.includes(",失敗,")).length);
  });

  it("holds back the last chunk until the batch is marked, and never delivers it when marking fails", async () => {
    async function* source() {
      yield Buffer.from("a");
      yield Buffer.from("b");
    }
    const seen: string[] = [];
    for await (const chunk of markWhenComplete(source(), async () => void seen.push("mark"))) seen.push(Buffer.from(chunk).toString());
    expect(seen).toEqual(["a", "mark", "b"]);

    const delivered: string[] = [];
    await expect(
      (async () => {
        for await (const chunk of markWhenComplete(source(), async () => {
          throw new Error("refused");
        }))
          delivered.push(Buffer.from(chunk).toString());
      })(),
    ).rejects.toThrow("refused");
    expect(delivered).toEqual(["a"]);
  });
});
