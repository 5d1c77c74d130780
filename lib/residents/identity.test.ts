import { createHmac, hkdfSync } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { getDb } from "@/db";
import { auditLog } from "@/db/schema/audit";
import { residents } from "@/db/schema/residents";
import { GuardError } from "@/lib/auth/guard";
import { getConfig, resetConfigCache } from "@/lib/config/env";
import { IdTokenError, verifyLineIdToken } from "@/lib/line/id-token";
import type { LineSimulator } from "@/lib/line/simulator";
import { startTestSimulator } from "@/lib/line/test-helpers";
import { hitRateLimit } from "@/lib/rate-limit";
import { uniqueSuffix } from "@/lib/testing/factories";
import { safeLiffPath } from "./current";
import { defineResidentOperation, defineResidentSessionStatementOperation, runResidentGuarded } from "./guard";
import { createResidentSessionToken, readResidentSessionToken } from "./session";
import { getResidentLocaleById } from "./locale";
import { signInWithLineIdToken } from "./sign-in";

let sim: LineSimulator;
const saved = process.env.LINE_API_BASE_URL;
beforeAll(async () => {
  sim = await startTestSimulator();
  process.env.LINE_API_BASE_URL = sim.url;
  resetConfigCache();
});
afterAll(async () => {
  process.env.LINE_API_BASE_URL = saved;
  resetConfigCache();
  await sim.close();
});

function newUserId(): string {
  return `U${uniqueSuffix()}${"0".repeat(24)}`;
}

async function residentCount(lineUserId: string): Promise<number> {
  const [row] = await (await getDb()).select({ n: count() }).from(residents).where(eq(residents.lineUserId, lineUserId));
  return row!.n;
}

async function forgedToken(sub: string): Promise<string> {
  const { privateKey, publicKey } = await generateKeyPair("ES256");
  const kid = ((await exportJWK(publicKey)).x ?? "k").slice(0, 8);
  return new SignJWT({ amr: ["linesso"], name: "偽物" })
    .setProtectedHeader({ alg: "ES256", kid })
    .setIssuer(getConfig().LINE_ID_TOKEN_ISSUER)
    .setSubject(sub)
    .setAudience(getConfig().LINE_LOGIN_CHANNEL_ID)
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(privateKey);
}

/** Swaps the payload's sub but keeps LINE's signature: a client trying to become someone else. */
function tamperedToken(token: string, sub: string): string {
  const [header, payload, signature] = token.split(".");
  const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
  return [header, Buffer.from(JSON.stringify({ ...claims, sub })).toString("base64url"), signature].join(".");
}

describe.each(["endpoint", "jwks"] as const)("LIFF ID token verification (%s)", (mode) => {
  it("accepts a token LINE issued for this channel and returns only what LINE signed", async () => {
    const sub = newUserId();
    const identity = await verifyLineIdToken(await sim.issueIdToken({ sub, name: "はなこ", nonce: "n-123456" }), { mode, expectedNonce: "n-123456" });
    expect(identity).toEqual({ sub, name: "はなこ", picture: null, expiresAt: expect.any(Date) });
    expect(identity.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });

  it("refuses a token without a nonce when this server issued one, and a token with a nonce when it did not", async () => {
    const sub = newUserId();
    await expect(verifyLineIdToken(await sim.issueIdToken({ sub }), { mode, expectedNonce: "n-issued-1" })).rejects.toMatchObject({ reason: "nonce" });
    await expect(verifyLineIdToken(await sim.issueIdToken({ sub, nonce: "n-issued-2" }), { mode, expectedNonce: null })).rejects.toMatchObject({ reason: "nonce" });
    // Real LIFF cannot choose a nonce: without an issued nonce, a token without one is accepted (once, see sign-in).
    expect((await verifyLineIdToken(await sim.issueIdToken({ sub }), { mode, expectedNonce: null })).sub).toBe(sub);
  });

  it.each([
    ["forged signature", async (sub: string) => forgedToken(sub), "invalid"],
    ["expired", async (sub: string) => sim.issueIdToken({ sub, issuedAt: Math.floor(Date.now() / 1000) - 7200, expiresInSeconds: 3600 }), "expired"],
    ["issued for another channel", async (sub: string) => sim.issueIdToken({ sub, aud: "1999999999" }), "audience"],
    ["carrying another nonce", async (sub: string) => sim.issueIdToken({ sub, nonce: "someone-elses" }), "nonce"],
    ["tampered payload", async (sub: string) => tamperedToken(await sim.issueIdToken({ sub: newUserId() }), sub), "invalid"],
  ])("rejects a token %s", async (_label, make, reason) => {
    const sub = newUserId();
    const token = await make(sub);
    await expect(verifyLineIdToken(token, { mode, expectedNonce: "my-nonce-1" })).rejects.toMatchObject({ reason });
  });
});

describe("resident sign-in from LIFF", () => {
  it("creates the resident keyed by the verified sub, audits it and opens a session", async () => {
    const sub = newUserId();
    const result = await signInWithLineIdToken({ idToken: await sim.issueIdToken({ sub, name: "たろう", nonce: "abcdefgh" }) }, { expectedNonce: "abcdefgh", requestId: "req-1" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.resident).toMatchObject({ lineUserId: sub, displayName: "たろう" });
    expect(await readResidentSessionToken(result.token)).toBe(result.resident.id);
    const audits = await (await getDb()).select().from(auditLog).where(eq(auditLog.entityId, result.resident.id));
    expect(audits).toMatchObject([{ action: "resident.register", actorType: "resident", actorId: result.resident.id }]);
    const again = await signInWithLineIdToken({ idToken: await sim.issueIdToken({ sub }) }, { expectedNonce: null, requestId: null });
    expect(again.ok && again.resident.id).toBe(result.resident.id);
    expect(again.ok && again.created).toBe(false);
  });

  it("keeps the resident's language server-side: the switch's choice wins, a first visit keeps what it was shown, another phone gets it back", async () => {
    const sub = newUserId();
    const signIn = async (locale: { chosen: "ja" | "ja-easy" | "en" | null; shown: "ja" | "en" }) =>
      signInWithLineIdToken({ idToken: await sim.issueIdToken({ sub }) }, { expectedNonce: null, requestId: null, locale });
    const first = await signIn({ chosen: null, shown: "en" });
    expect(first.ok && first.locale).toBe("en");
    if (!first.ok) return;
    expect(await getResidentLocaleById(await getDb(), first.resident.id)).toBe("en");
    expect(await signIn({ chosen: "ja-easy", shown: "ja" })).toMatchObject({ ok: true, locale: "ja-easy" });
    expect(await getResidentLocaleById(await getDb(), first.resident.id)).toBe("ja-easy");
    // A new phone with a Japanese browser and no choice yet: the stored choice comes back.
    expect(await signIn({ chosen: null, shown: "ja" })).toMatchObject({ ok: true, locale: "ja-easy" });
    expect(await getResidentLocaleById(await getDb(), first.resident.id)).toBe("ja-easy");
  });

  it.each([
    ["a forged token", (sub: string) => forgedToken(sub)],
    ["an expired token", (sub: string) => sim.issueIdToken({ sub, issuedAt: Math.floor(Date.now() / 1000) - 4000, expiresInSeconds: 3600 })],
    ["a token for another channel", (sub: string) => sim.issueIdToken({ sub, aud: "1888888888" })],
  ])("stores nothing for %s", async (_label, make) => {
    const sub = newUserId();
    const db = await getDb();
    const [before] = await db.select({ n: count() }).from(auditLog);
    const result = await signInWithLineIdToken({ idToken: await make(sub) }, { expectedNonce: null, requestId: null });
    expect(result).toMatchObject({ ok: false, status: 401, resident: { code: "sign_in_rejected" } });
    expect(await residentCount(sub)).toBe(0);
    const [after] = await db.select({ n: count() }).from(auditLog);
    // Other test files may write audit rows meanwhile on a shared PostgreSQL; none may name this user.
    if (!process.env.TEST_DATABASE_URL) expect(after!.n).toBe(before!.n);
  });

  it("one ID token opens at most one session: a replay, even a concurrent one, is refused and writes nothing", async () => {
    const sub = newUserId();
    const idToken = await sim.issueIdToken({ sub, name: "じろう" });
    const first = await signInWithLineIdToken({ idToken }, { expectedNonce: null, requestId: null });
    expect(first.ok).toBe(true);
    const replay = await signInWithLineIdToken({ idToken }, { expectedNonce: null, requestId: null });
    // Told apart from a forged token: the page answers it with a fresh token from LINE.
    expect(replay).toMatchObject({ ok: false, status: 401, resident: { code: "sign_in_replayed" } });
    const db = await getDb();
    const residentId = first.ok ? first.resident.id : "";
    expect(await db.select().from(auditLog).where(eq(auditLog.entityId, residentId))).toHaveLength(1);

    const raced = await sim.issueIdToken({ sub: newUserId(), name: "さぶろう" });
    const results = await Promise.all(Array.from({ length: 5 }, () => signInWithLineIdToken({ idToken: raced }, { expectedNonce: null, requestId: null })));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok && result.status === 401 && result.resident.code === "sign_in_replayed")).toHaveLength(4);
  });

  it("never takes a user ID from the client", async () => {
    const sub = newUserId();
    const result = await signInWithLineIdToken({ idToken: await sim.issueIdToken({ sub }), userId: newUserId() }, { expectedNonce: null, requestId: null });
    expect(result).toMatchObject({ ok: false, status: 400, resident: { code: "sign_in_rejected" } });
    expect(await residentCount(sub)).toBe(0);
  });

  it("reports LINE being unreachable as 503, not as a bad token", async () => {
    const result = await signInWithLineIdToken({ idToken: await sim.issueIdToken({ sub: newUserId() }) }, { expectedNonce: null, requestId: null });
    expect(result.ok).toBe(true);
    await expect(verifyLineIdToken("a.b.c", { baseUrl: "http://127.0.0.1:9", mode: "endpoint" })).rejects.toBeInstanceOf(IdTokenError);
    await expect(verifyLineIdToken("a.b.c", { baseUrl: "http://127.0.0.1:9", mode: "endpoint" })).rejects.toMatchObject({ reason: "unavailable" });
  });
});

describe("resident session token", () => {
  it("refuses a tampered, foreign or expired token", async () => {
    const { token } = await createResidentSessionToken("11111111-1111-4111-8111-111111111111");
    expect(await readResidentSessionToken(token)).toBe("11111111-1111-4111-8111-111111111111");
    expect(await readResidentSessionToken(tamperedToken(token, "22222222-2222-4222-8222-222222222222"))).toBeNull();
    const old = await createResidentSessionToken("11111111-1111-4111-8111-111111111111", Date.now() - 3 * 60 * 60 * 1000);
    expect(await readResidentSessionToken(old.token)).toBeNull();
    expect(await readResidentSessionToken("not-a-token")).toBeNull();
  });

  it("refuses what the synchronous check must: another key, another audience, alg none, crit, a future nbf, a missing exp", async () => {
    const sub = "11111111-1111-4111-8111-111111111111";
    const key = (secret: string) => new Uint8Array(hkdfSync("sha256", secret, "yakuba", "resident-session-v1", 32));
    const own = key(getConfig().AUTH_SECRET);
    const now = Math.floor(Date.now() / 1000);
    // Signed by hand, so headers jose would not write (crit) can be tried too.
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const sign = async (header: Record<string, unknown>, claims: Record<string, unknown>, secret = own) => {
      const signed = `${part(header)}.${part(claims)}`;
      return `${signed}.${createHmac("sha256", secret).update(signed).digest("base64url")}`;
    };
    const valid = { sub, aud: "yakuba:resident", iat: now, exp: now + 600 };
    expect(await readResidentSessionToken(await sign({ alg: "HS256" }, valid))).toBe(sub);
    expect(await readResidentSessionToken(await sign({ alg: "HS256" }, valid, key("another secret of the right length!!")))).toBeNull();
    expect(await readResidentSessionToken(await sign({ alg: "HS256" }, { ...valid, aud: "yakuba:staff" }))).toBeNull();
    expect(await readResidentSessionToken(await sign({ alg: "HS256", crit: ["x"], x: 1 }, valid))).toBeNull();
    expect(await readResidentSessionToken(await sign({ alg: "HS256" }, { ...valid, nbf: now + 600 }))).toBeNull();
    expect(await readResidentSessionToken(await sign({ alg: "HS256" }, { sub, aud: "yakuba:resident", iat: now }))).toBeNull();
    expect(await readResidentSessionToken(await sign({ alg: "HS256" }, { ...valid, exp: String(now + 600) }))).toBeNull();
    // alg none: a header that says so, and an empty or copied signature, never passes.
    const [, payload, signature] = (await sign({ alg: "HS256" }, valid)).split(".");
    const none = Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url");
    expect(await readResidentSessionToken(`${none}.${payload}.`)).toBeNull();
    expect(await readResidentSessionToken(`${none}.${payload}.${signature}`)).toBeNull();
    // An HS256 signature over a header that names another algorithm is refused too.
    const hs512Header = Buffer.from(JSON.stringify({ alg: "HS512" })).toString("base64url");
    const forged = createHmac("sha256", own).update(`${hs512Header}.${payload}`).digest("base64url");
    expect(await readResidentSessionToken(`${hs512Header}.${payload}.${forged}`)).toBeNull();
  });
});

describe("resident guard", () => {
  const operation = defineResidentOperation({
    action: "resident.test_write",
    schema: z.object({ displayName: z.string().min(1).max(20) }),
    run: async ({ data, tx, resident }) => {
      await tx.update(residents).set({ displayName: data.displayName }).where(eq(residents.id, resident.id));
      if (data.displayName === "fail") throw new GuardError(409, "conflict");
      return { result: data.displayName, audit: { entity: "resident", entityId: resident.id } };
    },
  });

  it("requires a session, validates input, and writes change + audit in one transaction", async () => {
    const db = await getDb();
    const [row] = await db.insert(residents).values({ lineUserId: newUserId(), displayName: "before" }).returning();
    const resident = { id: row!.id, lineUserId: row!.lineUserId, displayName: row!.displayName };
    expect(await runResidentGuarded({ resident: null, requestId: null }, operation, { displayName: "x" })).toMatchObject({ ok: false, status: 401, resident: { code: "unauthenticated" } });
    expect(await runResidentGuarded({ resident, requestId: null }, operation, { displayName: "" })).toMatchObject({
      ok: false,
      status: 400,
      resident: { code: "invalid" },
      fieldErrors: { displayName: expect.any(Array) },
    });
    expect(await runResidentGuarded({ resident, requestId: null }, operation, { displayName: "fail" })).toMatchObject({ ok: false, status: 409 });
    const [unchanged] = await db.select().from(residents).where(eq(residents.id, resident.id));
    expect(unchanged!.displayName).toBe("before");
    expect(await runResidentGuarded({ resident, requestId: "r" }, operation, { displayName: "after" })).toEqual({ ok: true, data: "after" });
    const audits = await db.select().from(auditLog).where(eq(auditLog.entityId, resident.id));
    expect(audits).toMatchObject([{ action: "resident.test_write", actorType: "resident", actorId: resident.id, requestId: "r" }]);
  });

  it("a session-statement operation that never confirms the session is a programming error, not a success", async () => {
    const resident = { id: "11111111-1111-4111-8111-111111111111", lineUserId: newUserId(), displayName: null };
    const careless = defineResidentSessionStatementOperation({ action: "filing.submit_line", schema: z.object({}), runSessionStatements: async () => "done" });
    await expect(runResidentGuarded({ resident, requestId: null }, careless, {})).rejects.toThrow(/without confirming the session/);
    const careful = defineResidentSessionStatementOperation({
      action: "filing.submit_line",
      schema: z.object({}),
      runSessionStatements: async ({ session }) => session.confirm(undefined).resident.id,
    });
    expect(await runResidentGuarded({ resident, requestId: null }, careful, {})).toEqual({ ok: true, data: resident.id });
  });
});

describe("rate limit", () => {
  it("allows the limit within a window and refuses the next request", async () => {
    const key = `test:${uniqueSuffix()}`;
    const results = [];
    for (let i = 0; i < 4; i++) results.push((await hitRateLimit(key, { limit: 3, windowSeconds: 3600 })).allowed);
    expect(results).toEqual([true, true, true, false]);
    expect((await hitRateLimit(`${key}:other`, { limit: 3, windowSeconds: 3600 })).allowed).toBe(true);
  });
});

describe("return path after LIFF sign-in", () => {
  it("accepts only our own LIFF pages", () => {
    expect(safeLiffPath("/liff/benefit")).toBe("/liff/benefit");
    expect(safeLiffPath("/liff/jpki?purpose=application%3Aabc")).toBe("/liff/jpki?purpose=application%3Aabc");
    for (const bad of ["https://evil.example/liff", "//evil.example", "/admin", "/liff/../admin", "/liffx", "/liff/a b", null, undefined]) {
      expect(safeLiffPath(bad)).toBeNull();
    }
  });
});
