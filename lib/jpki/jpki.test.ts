import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq, like } from "drizzle-orm";
import Provider from "oidc-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLog } from "@/db/schema/audit";
import { jpkiRequests, jpkiVerifications } from "@/db/schema/jpki";
import { lineOutbox } from "@/db/schema/line";
import { residents } from "@/db/schema/residents";
import { getConfig, resetConfigCache } from "@/lib/config/env";
import { runResidentGuarded, type ResidentActor } from "@/lib/residents/guard";
import { DEMO_RESIDENTS, demoResidentByKey } from "@/lib/residents/demo";
import { uniqueSuffix } from "@/lib/testing/factories";
import { beginAuthorization, completeAuthorization, type JpkiClientSettings } from "./client";
import { completeJpki, differencesFromFiling, jpkiSettings, startJpkiOperation, viewVerificationOperation } from "./flow";
import { startJpkiSimulator, type JpkiSimulator } from "./simulator";

const REDIRECT = "http://localhost:3000/api/jpki/callback";
const CLIENT = { clientId: "yakuba-test", clientSecret: "test-client-secret-123" };

/** Follows the simulator's consent page the way a resident would: choose a demo card. */
async function throughSimulator(authorizationUrl: string, identity: string): Promise<URL> {
  const page = await fetch(authorizationUrl);
  expect(page.status).toBe(200);
  const form = new URLSearchParams(new URL(authorizationUrl).searchParams);
  form.set("identity", identity);
  const decided = await fetch(new URL("/authorize/decision", authorizationUrl), { method: "POST", body: form, redirect: "manual" });
  expect(decided.status).toBe(303);
  return new URL(decided.headers.get("location")!);
}

/** Drives oidc-provider's dev interactions (login, then consent) with a small cookie jar. */
async function throughOidcProvider(authorizationUrl: string, accountId: string): Promise<URL> {
  const jar = new Map<string, string>();
  const remember = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const [name, ...rest] = pair!.split("=");
      jar.set(name!, rest.join("="));
    }
  };
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  let url = authorizationUrl;
  for (let step = 0; step < 12; step++) {
    if (url.startsWith(REDIRECT)) return new URL(url);
    const response = await fetch(url, { headers: { cookie: cookieHeader() }, redirect: "manual" });
    remember(response);
    if (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.get("location")!, url).toString();
      continue;
    }
    const html = await response.text();
    const action = html.match(/action="([^"]+)"/)?.[1];
    const prompt = html.includes('name="login"') ? "login" : "consent";
    if (!action) throw new Error(`no form at ${url}: ${html.slice(0, 200)}`);
    const body = new URLSearchParams(prompt === "login" ? { prompt, login: accountId, password: "x" } : { prompt });
    const submitted = await fetch(new URL(action, url), { method: "POST", body, headers: { cookie: cookieHeader() }, redirect: "manual" });
    remember(submitted);
    url = new URL(submitted.headers.get("location")!, url).toString();
  }
  throw new Error("too many steps");
}

type Issuer = { settings: JpkiClientSettings; authorize: (url: string, who: string) => Promise<URL>; who: string; expireCodes: () => Promise<void>; close: () => Promise<void> };

async function simulatorIssuer(): Promise<Issuer> {
  const sim = await startJpkiSimulator({ clients: [{ ...CLIENT, redirectUris: [REDIRECT] }] });
  return {
    settings: { issuer: sim.url, ...CLIENT, redirectUri: REDIRECT, scopes: "openid name address birthdate gender" },
    authorize: throughSimulator,
    who: "hanako",
    expireCodes: async () => sim.expireCodes(),
    close: () => sim.close(),
  };
}

async function oidcProviderIssuer(): Promise<Issuer> {
  let codeTtl = 60;
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const hanako = demoResidentByKey("hanako")!.card;
  const provider = new Provider(issuer, {
    clients: [{ client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, redirect_uris: [REDIRECT], grant_types: ["authorization_code"], response_types: ["code"] }],
    scopes: ["openid", "name", "address", "birthdate", "gender"],
    claims: { openid: ["sub"], name: ["name"], address: ["address"], birthdate: ["birthdate"], gender: ["gender"] },
    findAccount: async (_ctx: unknown, sub: string) => ({
      accountId: sub,
      claims: async () => ({ sub, name: hanako.name, address: { formatted: hanako.address }, birthdate: hanako.birthdate, gender: hanako.gender }),
    }),
    pkce: { required: () => true },
    ttl: { AuthorizationCode: () => codeTtl },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ["oidc-provider-test-cookie-key"] },
  });
  server.on("request", provider.callback());
  return {
    settings: { issuer, ...CLIENT, redirectUri: REDIRECT, scopes: "openid name address birthdate gender" },
    authorize: throughOidcProvider,
    who: "resident-1",
    // oidc-provider keeps its clock; a code issued with a one-second life is expired two seconds later.
    expireCodes: async () => {
      await new Promise((resolve) => setTimeout(resolve, 2100));
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
    ...{ setCodeTtl: (seconds: number) => (codeTtl = seconds) },
  } as Issuer & { setCodeTtl: (s: number) => void };
}

describe.each([
  ["the JPKI simulator", simulatorIssuer],
  ["oidc-provider", oidcProviderIssuer],
])("JPKI relying party against %s", (_name, make) => {
  let issuer: Issuer & { setCodeTtl?: (s: number) => void };
  beforeAll(async () => {
    issuer = await make();
  });
  afterAll(async () => {
    await issuer.close();
  });

  it("asks for the 基本4情報 with PKCE S256, state and nonce, and gets exactly those back", async () => {
    const start = await beginAuthorization(issuer.settings);
    const url = new URL(start.url);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toHaveLength(43);
    expect(url.searchParams.get("state")).toBe(start.state);
    expect(url.searchParams.get("nonce")).toBe(start.nonce);
    expect(url.searchParams.get("scope")).toBe("openid name address birthdate gender");
    const callback = await issuer.authorize(start.url, issuer.who);
    const identity = await completeAuthorization(issuer.settings, callback, start);
    const card = demoResidentByKey("hanako")!.card;
    expect(identity).toMatchObject({ issuer: issuer.settings.issuer, name: card.name, address: card.address, birthdate: card.birthdate, gender: card.gender });
    expect(Object.keys(identity).sort()).toEqual(["address", "birthdate", "gender", "issuer", "name", "subject"]);
  });

  it("rejects a tampered state", async () => {
    const start = await beginAuthorization(issuer.settings);
    const callback = await issuer.authorize(start.url, issuer.who);
    callback.searchParams.set("state", `${start.state}x`);
    await expect(completeAuthorization(issuer.settings, callback, start)).rejects.toMatchObject({ reason: "state_mismatch" });
  });

  it("rejects an ID token whose nonce is not ours", async () => {
    const start = await beginAuthorization(issuer.settings);
    const callback = await issuer.authorize(start.url, issuer.who);
    await expect(completeAuthorization(issuer.settings, callback, { ...start, nonce: "another-nonce" })).rejects.toMatchObject({ reason: "nonce_mismatch" });
  });

  it("rejects a replayed code", async () => {
    const start = await beginAuthorization(issuer.settings);
    const callback = await issuer.authorize(start.url, issuer.who);
    await completeAuthorization(issuer.settings, callback, start);
    await expect(completeAuthorization(issuer.settings, callback, start)).rejects.toMatchObject({ reason: "invalid_grant" });
  });

  it("rejects a wrong PKCE verifier", async () => {
    const start = await beginAuthorization(issuer.settings);
    const callback = await issuer.authorize(start.url, issuer.who);
    await expect(completeAuthorization(issuer.settings, callback, { ...start, codeVerifier: "x".repeat(43) })).rejects.toMatchObject({ reason: "invalid_grant" });
  });

  it("rejects an expired code", async () => {
    issuer.setCodeTtl?.(1);
    const start = await beginAuthorization(issuer.settings);
    const callback = await issuer.authorize(start.url, issuer.who);
    await issuer.expireCodes();
    issuer.setCodeTtl?.(60);
    await expect(completeAuthorization(issuer.settings, callback, start)).rejects.toMatchObject({ reason: "invalid_grant" });
  });
});

describe("JPKI step for a resident (simulator)", () => {
  let sim: JpkiSimulator;
  const saved = process.env.JPKI_ISSUER;
  beforeAll(async () => {
    const config = getConfig();
    sim = await startJpkiSimulator({ clients: [{ clientId: config.JPKI_CLIENT_ID, clientSecret: config.JPKI_CLIENT_SECRET, redirectUris: [`${config.APP_URL}/api/jpki/callback`] }] });
    process.env.JPKI_ISSUER = sim.url;
    resetConfigCache();
  });
  afterAll(async () => {
    process.env.JPKI_ISSUER = saved;
    resetConfigCache();
    await sim.close();
  });

  async function newResident(): Promise<ResidentActor> {
    const [row] = await (await getDb()).insert(residents).values({ lineUserId: `U${uniqueSuffix()}${"e".repeat(24)}`, displayName: "テスト" }).returning();
    return { id: row!.id, lineUserId: row!.lineUserId, displayName: row!.displayName };
  }

  async function start(resident: ResidentActor, purpose = `application:${uniqueSuffix()}`) {
    const started = await runResidentGuarded({ resident, requestId: null }, startJpkiOperation, { purpose, returnTo: "/liff/jpki" });
    if (!started.ok) throw new Error(started.error);
    return { ...started.data, purpose };
  }

  it("stores the 基本4情報 bound to resident and purpose, hashes the subject, queues a LINE message, audits ids only", async () => {
    const resident = await newResident();
    const { authorizationUrl, requestId, purpose } = await start(resident);
    const callback = await throughSimulator(authorizationUrl, "hanako");
    const outcome = await completeJpki(resident, callback, "req-jpki");
    expect(outcome).toMatchObject({ ok: true, returnTo: "/liff/jpki" });
    const db = await getDb();
    const [row] = await db.select().from(jpkiVerifications).where(eq(jpkiVerifications.requestId, requestId));
    const card = demoResidentByKey("hanako")!.card;
    expect(row).toMatchObject({ residentId: resident.id, purpose, issuer: sim.url, name: card.name, address: card.address, birthdate: card.birthdate, gender: card.gender });
    expect(row!.subjectHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.subjectHash).not.toBe(sim.subjectOf(demoResidentByKey("hanako")!));
    expect(row!.expiresAt.getTime() - row!.verifiedAt.getTime()).toBe(getConfig().JPKI_VERIFICATION_HOURS * 3600_000);
    // No column could hold an individual number.
    expect(Object.keys(row!).some((key) => /number|mynumber|kojin/i.test(key))).toBe(false);
    const [message] = await db.select().from(lineOutbox).where(like(lineOutbox.cause, `jpki:${requestId}:%`));
    expect(message!.recipients).toEqual([resident.lineUserId]);
    const audits = await db.select().from(auditLog).where(eq(auditLog.actorId, resident.id));
    expect(audits.map((a) => a.action).sort()).toEqual(["jpki.start", "jpki.verified"]);
    expect(JSON.stringify(audits)).not.toContain(card.name);
    const viewed = await runResidentGuarded({ resident, requestId: null }, viewVerificationOperation, { purpose });
    expect(viewed).toMatchObject({ ok: true, data: { name: card.name } });
    // Another purpose has no verification: the result page says so instead of "confirmed".
    expect(await runResidentGuarded({ resident, requestId: null }, viewVerificationOperation, { purpose: "filing:other" })).toMatchObject({
      ok: false,
      status: 404,
      resident: { code: "verification_missing" },
    });
  });

  it("a replayed callback, or one arriving in another resident's session, does nothing", async () => {
    const resident = await newResident();
    const other = await newResident();
    const { authorizationUrl, requestId } = await start(resident);
    const callback = await throughSimulator(authorizationUrl, "taro");
    expect(await completeJpki(other, callback, null)).toMatchObject({ ok: false, reason: "unknown_request" });
    const first = await completeJpki(resident, callback, null);
    expect(first).toMatchObject({ ok: true });
    // Back into the card reader and picked again: no second verification, and the resident carries on in the flow.
    const again = await completeJpki(resident, callback, null);
    expect(again).toEqual({ ok: true, verificationId: (first as { verificationId: string }).verificationId, returnTo: "/liff/jpki" });
    const rows = await (await getDb()).select().from(jpkiVerifications).where(eq(jpkiVerifications.requestId, requestId));
    expect(rows).toHaveLength(1);
  });

  it("a replayed callback of a request that did not verify goes back to its flow with the reason, not to a dead end", async () => {
    const resident = await newResident();
    const { authorizationUrl } = await start(resident);
    const callback = await throughSimulator(authorizationUrl, "sato");
    expect(await completeJpki(resident, callback, null)).toMatchObject({ ok: false, reason: "user_cancelled" });
    expect(await completeJpki(resident, callback, null)).toEqual({ ok: false, reason: "user_cancelled", returnTo: "/liff/jpki" });
  });

  it.each([
    ["sato", "user_cancelled", "cancelled"],
    ["kimura", "card_locked", "failed"],
  ])("the %s path ends as %s with nothing verified", async (who, reason, status) => {
    const resident = await newResident();
    const { authorizationUrl, requestId } = await start(resident);
    const callback = await throughSimulator(authorizationUrl, who);
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(await completeJpki(resident, callback, null)).toMatchObject({ ok: false, reason });
    const db = await getDb();
    const [request] = await db.select().from(jpkiRequests).where(eq(jpkiRequests.id, requestId));
    expect(request).toMatchObject({ status, outcome: reason });
    expect(await db.select().from(jpkiVerifications).where(eq(jpkiVerifications.requestId, requestId))).toEqual([]);
    expect(await db.select().from(lineOutbox).where(like(lineOutbox.cause, `jpki:${requestId}:%`))).toEqual([]);
  });

  it("reports where the card differs from the filing (information differs path)", async () => {
    const resident = await newResident();
    const { authorizationUrl, requestId } = await start(resident);
    await completeJpki(resident, await throughSimulator(authorizationUrl, "yamada"), null);
    const [row] = await (await getDb()).select().from(jpkiVerifications).where(and(eq(jpkiVerifications.requestId, requestId)));
    const yamada = demoResidentByKey("yamada")!;
    expect(differencesFromFiling(row!, yamada.filing)).toEqual(["address"]);
    const hanako = demoResidentByKey("hanako")!;
    expect(differencesFromFiling({ ...hanako.card, name: "当麻　花子", address: hanako.card.address.replace("3", "３") }, hanako.filing)).toEqual([]);
  });

  it("refuses a return address outside the LIFF pages and a malformed purpose, writing nothing", async () => {
    const resident = await newResident();
    expect(await runResidentGuarded({ resident, requestId: null }, startJpkiOperation, { purpose: "application:x", returnTo: "https://evil.example/" })).toMatchObject({ ok: false, status: 400 });
    expect(await runResidentGuarded({ resident, requestId: null }, startJpkiOperation, { purpose: "DROP TABLE" })).toMatchObject({ ok: false, status: 400 });
    expect(await (await getDb()).select().from(jpkiRequests).where(eq(jpkiRequests.residentId, resident.id))).toEqual([]);
  });

  it("never asks for an individual number", () => {
    expect(jpkiSettings().scopes).not.toMatch(/number/i);
    expect(DEMO_RESIDENTS.every((r) => !JSON.stringify([r.card, r.filing]).match(/\d{12}/))).toBe(true);
    return expect(beginAuthorization({ ...jpkiSettings(), scopes: "openid name my_number" })).rejects.toThrow(/individual number/);
  });
});
