import { and, count, eq } from "drizzle-orm";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { auditLog } from "@/db/schema/audit";
import { filings } from "@/db/schema/filings";
import { lineOutbox } from "@/db/schema/line";
import { benefitPrograms } from "@/db/schema/programs";
import { residents } from "@/db/schema/residents";
import { runGuarded } from "@/lib/auth/guard";
import { resetConfigCache } from "@/lib/config/env";
import { importRoster } from "@/lib/programs/operations";
import { createResidentSessionToken, residentCookieName } from "@/lib/residents/session";
import { createActor, createDepartment, uniqueSuffix } from "@/lib/testing/factories";
import { createProgram, createResident, createVerification } from "@/lib/testing/program-factories";
import { messageTextFor } from "./notify";
import { filingPurpose } from "./resident-operations";

// The route reads the session cookie and the client address from its own Request: next/headers holds neither here.
const request = { cookie: "", address: "192.0.2.10" };
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined }),
  headers: async () => new Headers(),
}));

/**
 * The LIFF filing's session check rides in the filing's own read statement (the rate-limit hit and the resident's
 * row): every refusal it makes must still come before anything is written.
 */
const ROSTER = ["世帯番号,住所,氏名,氏名カナ,生年月日,性別,続柄", "0001,当麻町3条東2丁目11番1号,当麻 太郎,トウマ タロウ,1950-09-02,男,世帯主"].join("\n");

let programId: string;

beforeAll(async () => {
  const departmentId = (await createDepartment()).id;
  programId = (await createProgram({ departmentId })).id;
  const admin = await createActor([{ departmentId, role: "dept_admin" }]);
  const imported = await runGuarded({ actor: admin, requestId: null }, importRoster, { programId, fileName: "r.csv", bytes: new TextEncoder().encode(ROSTER) });
  if (!imported.ok) throw new Error(imported.error);
});

// Each request's own address is its rate-limit key (behind one trusted proxy), so no other test shares it.
beforeEach(() => {
  vi.stubEnv("TRUSTED_PROXY_HOPS", "1");
  resetConfigCache();
});

afterEach(() => {
  vi.unstubAllEnvs();
  resetConfigCache();
});

async function verifiedHead(displayName: string) {
  const resident = await createResident();
  const db = await getDb();
  await db.update(residents).set({ displayName, locale: "en" }).where(eq(residents.id, resident.id));
  await createVerification({ residentId: resident.id, purpose: filingPurpose(programId), identity: { name: "当麻 太郎", address: "北海道上川郡当麻町3条東2丁目11番1号", birthdate: "1950-09-02" } });
  return resident;
}

async function post(token: string, body: unknown) {
  const { POST } = await import("@/app/api/liff/benefit/filings/route");
  request.cookie = token;
  request.address = `192.0.2.${Math.floor(Math.random() * 200) + 20}-${uniqueSuffix()}`;
  const headers = new Headers({ "x-forwarded-for": request.address, cookie: request.cookie ? `${residentCookieName()}=${request.cookie}` : "" });
  const response = await POST(new Request("http://localhost/api/liff/benefit/filings", { method: "POST", headers, body: JSON.stringify(body) }));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function filingsOfProgram(): Promise<number> {
  const [row] = await (await getDb()).select({ n: count() }).from(filings).where(eq(filings.programId, programId));
  return row!.n;
}

describe("the LIFF filing route, with the session checked inside the filing's read statement", () => {
  it("files as the session's resident: the audit entry carries their name, the receipt goes to their LINE in their language", async () => {
    const resident = await verifiedHead("たろう");
    const filed = await post((await createResidentSessionToken(resident.id)).token, { programId, confirmed: true });
    expect(filed).toMatchObject({ status: 201, body: { receiptNumber: expect.any(String) } });
    const db = await getDb();
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, "filing.submit_line"), eq(auditLog.actorId, resident.id)));
    expect(audit).toMatchObject({ actorType: "resident", actorLabel: "たろう", entity: "filing" });
    const [message] = await db.select().from(lineOutbox).where(eq(lineOutbox.cause, `filing:${String(filed.body.filingId)}:submitted`));
    expect(message?.recipients).toEqual([resident.lineUserId]);
    expect(JSON.stringify(message?.messages)).toContain(String(filed.body.receiptNumber));
    // The stored language is English: the receipt is the program's English wording, not the Japanese one.
    const [program] = await db.select().from(benefitPrograms).where(eq(benefitPrograms.id, programId));
    const values = { receiptNumber: String(filed.body.receiptNumber), points: Number(filed.body.points), reason: null };
    const english = messageTextFor("submitted", program!, values, "en");
    expect(english).not.toBe(messageTextFor("submitted", program!, values, "ja"));
    expect(message?.messages).toEqual([{ type: "text", text: english }]);
    // Again: refused in the resident's language, with the duplicate audited by the same statement.
    expect(await post((await createResidentSessionToken(resident.id)).token, { programId, confirmed: true })).toMatchObject({ status: 409, body: { code: "already_filed" } });
  });

  it("a valid token for a resident who no longer exists: 401, nothing written", async () => {
    const before = await filingsOfProgram();
    const gone = await post((await createResidentSessionToken("0b0b0b0b-0b0b-4b0b-8b0b-0b0b0b0b0b0b")).token, { programId, confirmed: true });
    expect(gone).toMatchObject({ status: 401, body: { code: "unauthenticated" } });
    expect(await filingsOfProgram()).toBe(before);
    const audits = await (await getDb()).select().from(auditLog).where(eq(auditLog.actorId, "0b0b0b0b-0b0b-4b0b-8b0b-0b0b0b0b0b0b"));
    expect(audits).toEqual([]);
  });

  it("over the rate limit: 429 before the filing, nothing filed", async () => {
    vi.stubEnv("RESIDENT_RATE_LIMIT_PER_MINUTE", "1");
    resetConfigCache();
    const resident = await verifiedHead("はなこ");
    const token = (await createResidentSessionToken(resident.id)).token;
    const { POST } = await import("@/app/api/liff/benefit/filings/route");
    request.address = `198.51.100.${Math.floor(Math.random() * 250)}-${uniqueSuffix()}`;
    const headers = () => new Headers({ "x-forwarded-for": request.address, cookie: `${residentCookieName()}=${token}` });
    const send = () => POST(new Request("http://localhost/api/liff/benefit/filings", { method: "POST", headers: headers(), body: JSON.stringify({ programId: "00000000-0000-4000-8000-000000000000", confirmed: true }) }));
    // The first request of the window is allowed (and finds no program); the second is refused before any work.
    expect((await send()).status).toBe(404);
    const before = await filingsOfProgram();
    const refused = await POST(new Request("http://localhost/api/liff/benefit/filings", { method: "POST", headers: headers(), body: JSON.stringify({ programId, confirmed: true }) }));
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ code: "rate_limited" });
    expect(await filingsOfProgram()).toBe(before);
  });

  it("bad input with a valid session: 400 with the field named, nothing written; no session: 401", async () => {
    const resident = await verifiedHead("じろう");
    const before = await filingsOfProgram();
    const bad = await post((await createResidentSessionToken(resident.id)).token, { programId: "not-a-uuid", confirmed: true });
    expect(bad).toMatchObject({ status: 400, body: { fieldErrors: { programId: [expect.any(String)] } } });
    expect(await post("", { programId, confirmed: true })).toMatchObject({ status: 401, body: { code: "unauthenticated" } });
    expect(await post("forged.token.value", { programId, confirmed: true })).toMatchObject({ status: 401 });
    expect(await filingsOfProgram()).toBe(before);
  });
});
