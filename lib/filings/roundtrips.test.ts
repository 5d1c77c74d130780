import { beforeAll, describe, expect, inject, it, vi } from "vitest";
import { databaseRoundTrips, getDatabaseHandle, openDatabase, setDatabaseHandleForTests } from "@/db";
import { runGuarded } from "@/lib/auth/guard";
import { importRoster } from "@/lib/programs/operations";
import { createResidentSessionToken, residentCookieName } from "@/lib/residents/session";
import { createActor, createDepartment } from "@/lib/testing/factories";
import { createHousehold, createProgram, createResident, createVerification } from "@/lib/testing/program-factories";
import { fileAtCounter } from "./counter-operations";
import { bulkApproveFilings, decideFiling } from "./operations";
import { filingPurpose } from "./resident-operations";

// The route reads the session cookie and the client address from its own Request.
const request = { cookie: "", address: "192.0.2.1" };
vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }), headers: async () => new Headers() }));

// Counted on the PostgreSQL wire; PGlite has no wire (and no round trips to save).
const databaseUrl = inject("testDatabaseUrl");

/** The filing path's budget (issue 11): session, rate limit, read, write — at most three round trips. */
const FILING_ROUND_TRIPS = 3;
/** The LIFF filing does better: the session's check and rate-limit hit ride in its read statement. */
const LIFF_FILING_ROUND_TRIPS = 2;
const HOUSEHOLDS = 6;

const roster = [
  "世帯番号,住所,氏名,氏名カナ,生年月日,性別,続柄",
  ...Array.from({ length: HOUSEHOLDS }, (_, i) => `000${i + 1},当麻町${i + 1}条東2丁目11番1号,当麻 太郎${i + 1},トウマ タロウ,1950-09-0${i + 1},男,世帯主`),
].join("\n");

let programId: string;
let departmentId: string;

beforeAll(async () => {
  if (!databaseUrl) return;
  // One connection: a statement is described once per connection, so with a pool the count would depend on
  // which connection a request happens to get. The setup's afterAll closes this handle.
  await (await getDatabaseHandle()).close();
  setDatabaseHandleForTests(await openDatabase({ databaseUrl, poolMax: 1, countRoundTrips: true }));
});

beforeAll(async () => {
  departmentId = (await createDepartment()).id;
  const program = await createProgram({ departmentId });
  const admin = await createActor([{ departmentId, role: "dept_admin" }]);
  const imported = await runGuarded({ actor: admin, requestId: null }, importRoster, { programId: program.id, fileName: "r.csv", bytes: new TextEncoder().encode(roster) });
  if (!imported.ok) throw new Error(imported.error);
  programId = program.id;
});

async function headOf(index: number): Promise<string> {
  const resident = await createResident();
  await createVerification({
    residentId: resident.id,
    purpose: filingPurpose(programId),
    identity: { name: `当麻 太郎${index + 1}`, address: `北海道上川郡当麻町${index + 1}条東2丁目11番1号`, birthdate: `1950-09-0${index + 1}` },
  });
  return (await createResidentSessionToken(resident.id)).token;
}

/** POSTs through the LIFF route, as the page does; returns the status and the round trips it took. */
async function file(token: string): Promise<{ status: number; body: Record<string, unknown>; roundTrips: number }> {
  const { POST } = await import("@/app/api/liff/benefit/filings/route");
  request.cookie = token;
  const before = databaseRoundTrips();
  const headers = new Headers({ "x-forwarded-for": request.address, cookie: `${residentCookieName()}=${request.cookie}` });
  const response = await POST(new Request("http://localhost/api/liff/benefit/filings", { method: "POST", headers, body: JSON.stringify({ programId, confirmed: true }) }));
  const roundTrips = databaseRoundTrips() - before;
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, roundTrips };
}

describe.runIf(databaseUrl)("the LIFF filing's SQL round trips (PostgreSQL, counted on the wire)", () => {
  it(`a LIFF filing takes ${LIFF_FILING_ROUND_TRIPS} round trips (within the budget of ${FILING_ROUND_TRIPS}) once its statements are prepared, and so does a refused second filing`, async () => {
    const tokens = await Promise.all(Array.from({ length: HOUSEHOLDS }, (_, i) => headOf(i)));
    // The first filings prepare the statements on the pool's connections (a Describe each, once per connection).
    for (const token of tokens.slice(0, 3)) expect((await file(token)).status).toBe(201);
    const counts: number[] = [];
    for (const token of tokens.slice(3)) {
      const filed = await file(token);
      expect(filed.status).toBe(201);
      counts.push(filed.roundTrips);
    }
    expect(counts.every((n) => n > 0)).toBe(true);
    expect(Math.max(...counts)).toBeLessThanOrEqual(LIFF_FILING_ROUND_TRIPS);
    // The same resident again: refused with the resident's own wording, the audit entry written in the statement.
    const again = await file(tokens[3]!);
    expect(again).toMatchObject({ status: 409, body: { code: "already_filed" } });
    expect(again.roundTrips).toBeLessThanOrEqual(LIFF_FILING_ROUND_TRIPS);
  });
});

describe.runIf(databaseUrl)("review round trips (PostgreSQL, counted on the wire)", () => {
  let block = 0;
  async function counterFilings(n: number): Promise<string[]> {
    const counter = await createActor([{ departmentId, role: "counter" }]);
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      // Each household at its own block, so the bulk approval's duplicate re-check holds none back.
      const household = await createHousehold({ programId, address: `当麻町9条西${++block}丁目1番1号` });
      const filed = await runGuarded({ actor: counter, requestId: null }, fileAtCounter, {
        householdId: household.id,
        representativeMemberId: household.members[0]!.id,
        identityDocument: "my_number_card",
      });
      if (!filed.ok) throw new Error(filed.error);
      ids.push(filed.data.filingId);
    }
    return ids;
  }

  async function counted<T>(work: () => Promise<T>): Promise<{ result: T; roundTrips: number }> {
    const before = databaseRoundTrips();
    const result = await work();
    return { result, roundTrips: databaseRoundTrips() - before };
  }

  it(`a counter filing takes at most ${FILING_ROUND_TRIPS} round trips too (one read, one statement), and so does a refused second one`, async () => {
    const counter = await createActor([{ departmentId, role: "counter" }]);
    const as = { actor: counter, requestId: null };
    const fileOne = async () => {
      const household = await createHousehold({ programId, address: `当麻町8条西${++block}丁目1番1号` });
      return { household, filed: await counted(() => runGuarded(as, fileAtCounter, { householdId: household.id, representativeMemberId: household.members[0]!.id, identityDocument: "my_number_card" })) };
    };
    // The first filing and its refused repeat prepare their statements on the connection.
    const warm = await fileOne();
    await runGuarded(as, fileAtCounter, { householdId: warm.household.id, representativeMemberId: warm.household.members[0]!.id, identityDocument: "passport" });
    const { household, filed } = await fileOne();
    expect(filed.result.ok).toBe(true);
    expect(filed.roundTrips).toBeGreaterThan(0);
    expect(filed.roundTrips).toBeLessThanOrEqual(FILING_ROUND_TRIPS);
    const again = await counted(() => runGuarded(as, fileAtCounter, { householdId: household.id, representativeMemberId: household.members[0]!.id, identityDocument: "passport" }));
    expect(again.result).toMatchObject({ ok: false, status: 409 });
    expect(again.roundTrips).toBeLessThanOrEqual(FILING_ROUND_TRIPS);
  });

  it("a decision locks the filing once and changes it with its history and message in one statement; a bulk approval costs the same for 20 filings as for 2", async () => {
    const reviewer = await createActor([{ departmentId, role: "reviewer" }]);
    const as = { actor: reviewer, requestId: null };
    const ids = await counterFilings(46);
    // Each shape runs once first, so the measured runs find their statements prepared on the connection.
    expect((await runGuarded(as, decideFiling, { filingId: ids[0]!, decision: "approve" })).ok).toBe(true);
    expect((await runGuarded(as, bulkApproveFilings, { programId, filingIds: ids.slice(2, 4) })).ok).toBe(true);
    expect((await runGuarded(as, bulkApproveFilings, { programId, filingIds: ids.slice(6, 26) })).ok).toBe(true);
    // BEGIN, lock (read once for the department check and the work), the change with history and message, audit, COMMIT.
    const decided = await counted(() => runGuarded(as, decideFiling, { filingId: ids[1]!, decision: "approve" }));
    expect(decided.result.ok).toBe(true);
    expect(decided.roundTrips).toBeLessThanOrEqual(5);
    const small = await counted(() => runGuarded(as, bulkApproveFilings, { programId, filingIds: ids.slice(4, 6) }));
    const large = await counted(() => runGuarded(as, bulkApproveFilings, { programId, filingIds: ids.slice(26, 46) }));
    expect(small.result).toMatchObject({ ok: true, data: { approved: 2, held: 0 } });
    expect(large.result).toMatchObject({ ok: true, data: { approved: 20, held: 0 } });
    expect(large.roundTrips).toBe(small.roundTrips);
  });
});
