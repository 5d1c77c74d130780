import { describe, expect, it } from "vitest";
import { PRODUCTION_ENV } from "@/lib/testing/production-env";
import { DEFAULT_MAPPING } from "@/lib/grants/export/mapping";
import { ConfigError, DEV_DEFAULTS, parseConfig, SIMULATOR_DEFAULTS } from "./env";

const SECRET = "a".repeat(20) + "b".repeat(20);
const PRODUCTION = PRODUCTION_ENV;

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("configuration", () => {
  it("development runs with no settings at all: PGlite, simulators and dev secrets", () => {
    const config = parseConfig({});
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.PGLITE_DATA_DIR).toBe(".data/pglite");
    expect(config.USE_SIMULATORS).toBe(true);
    expect(config.AUTH_SECRET).toBe(DEV_DEFAULTS.AUTH_SECRET);
    expect(config.sso).toBeNull();
  });

  it("names every invalid setting", () => {
    const problems = problemsOf({ DATABASE_URL: "mysql://x", APP_URL: "not a url", LOGIN_MAX_FAILURES: "1", USE_SIMULATORS: "maybe" });
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual(["APP_URL", "DATABASE_URL", "LOGIN_MAX_FAILURES", "USE_SIMULATORS"]);
  });

  it("requires all three SSO settings or none, naming the missing ones", () => {
    const problems = problemsOf({ SSO_ISSUER: "https://login.example.jp/realms/town" });
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual(["SSO_CLIENT_ID", "SSO_CLIENT_SECRET"]);
    expect(parseConfig({ SSO_ISSUER: "https://idp.example.jp", SSO_CLIENT_ID: "yakuba", SSO_CLIENT_SECRET: "s" }).sso?.clientId).toBe("yakuba");
  });

  it("reads the e-money vendor's file layout from GRANT_EXPORT_MAPPING, naming what is wrong with it", () => {
    expect(parseConfig({}).GRANT_EXPORT_MAPPING).toEqual(DEFAULT_MAPPING);
    const mapping = { columns: [{ field: "applicationId", label: "ID" }, { field: "points", label: "pt" }], encoding: "utf-8", bom: false };
    expect(parseConfig({ GRANT_EXPORT_MAPPING: JSON.stringify(mapping) }).GRANT_EXPORT_MAPPING).toEqual(mapping);
    expect(problemsOf({ GRANT_EXPORT_MAPPING: "{columns:" })).toEqual(["GRANT_EXPORT_MAPPING: JSON として読めません"]);
    expect(problemsOf({ GRANT_EXPORT_MAPPING: JSON.stringify({ columns: [{ field: "points", label: "pt" }], encoding: "utf-8" }) })).toEqual([
      expect.stringMatching(/^GRANT_EXPORT_MAPPING: .*applicationId/),
    ]);
  });

  it("names the e-money and the LINE account the letters point to; the account must be https", () => {
    const config = parseConfig({ EMONEY_NAME: "ななポ", LINE_ACCOUNT_URL: "https://lin.ee/AbCdEfG" });
    expect([config.EMONEY_NAME, config.LINE_ACCOUNT_URL]).toEqual(["ななポ", "https://lin.ee/AbCdEfG"]);
    expect(parseConfig({}).EMONEY_NAME).toBe("でんすけペイ");
    expect(problemsOf({ LINE_ACCOUNT_URL: "http://lin.ee/AbCdEfG" })).toEqual(["LINE_ACCOUNT_URL: https:// の URL を指定してください"]);
    expect(problemsOf({ EMONEY_NAME: " " })).toEqual(["EMONEY_NAME: 電子マネーの名前を指定してください"]);
  });

  it("treats empty values as unset", () => {
    expect(parseConfig({ DATABASE_URL: "", SSO_ISSUER: "" }).DATABASE_URL).toBeUndefined();
  });

  it("accepts a complete production configuration with simulators off", () => {
    const config = parseConfig(PRODUCTION);
    expect(config.USE_SIMULATORS).toBe(false);
  });

  describe("production refuses to start", () => {
    it("with simulators enabled", () => {
      expect(problemsOf({ ...PRODUCTION, USE_SIMULATORS: "true" })).toEqual([
        expect.stringMatching(/^USE_SIMULATORS: /),
      ]);
    });
    it("without a secret, or with the dev default secret", () => {
      expect(problemsOf({ ...PRODUCTION, AUTH_SECRET: undefined })).toEqual([expect.stringMatching(/^AUTH_SECRET: /)]);
      expect(problemsOf({ ...PRODUCTION, AUTH_SECRET: DEV_DEFAULTS.AUTH_SECRET })).toEqual([
        expect.stringMatching(/^AUTH_SECRET: /),
      ]);
    });
    it("on the embedded database or a plain-http URL", () => {
      expect(problemsOf({ ...PRODUCTION, DATABASE_URL: undefined })).toEqual([expect.stringMatching(/^DATABASE_URL: /)]);
      expect(problemsOf({ ...PRODUCTION, APP_URL: "http://yakuba.town.example.lg.jp" })).toEqual([
        expect.stringMatching(/^APP_URL: /),
      ]);
    });
    it("without the trusted proxy hop count, or with 0 (no proxy: the client would choose its rate-limit key)", () => {
      expect(problemsOf({ ...PRODUCTION, TRUSTED_PROXY_HOPS: undefined })).toEqual([expect.stringMatching(/^TRUSTED_PROXY_HOPS: 本番環境では必須/)]);
      expect(problemsOf({ ...PRODUCTION, TRUSTED_PROXY_HOPS: "0" })).toEqual([expect.stringMatching(/^TRUSTED_PROXY_HOPS: .*1 以上/)]);
      expect(problemsOf({ ...PRODUCTION, TRUSTED_PROXY_HOPS: "-1" })).toEqual([expect.stringMatching(/^TRUSTED_PROXY_HOPS: /)]);
      expect(problemsOf({ ...PRODUCTION, TRUSTED_PROXY_HOPS: "two" })).toEqual([expect.stringMatching(/^TRUSTED_PROXY_HOPS: /)]);
      expect(parseConfig({ ...PRODUCTION, TRUSTED_PROXY_HOPS: "2" }).TRUSTED_PROXY_HOPS).toBe(2);
      expect(parseConfig({}).TRUSTED_PROXY_HOPS).toBe(0);
    });
    it("with the e2e switch on a public URL", () => {
      const problems = problemsOf({ ...PRODUCTION, E2E_PRODUCTION_BUILD: "true", USE_SIMULATORS: "true" });
      expect(problems).toContainEqual(expect.stringMatching(/^E2E_PRODUCTION_BUILD: /));
      expect(problems).toContainEqual(expect.stringMatching(/^USE_SIMULATORS: /));
    });
  });

  describe("payment settings", () => {
    it("point at the payment simulator outside production and check the key formats", () => {
      const config = parseConfig({});
      expect(config.PAYMENT_API_BASE_URL).toBe(SIMULATOR_DEFAULTS.PAYMENT_API_BASE_URL);
      expect(config.PAYMENT_METHOD_TYPES).toEqual(["card"]);
      expect(parseConfig({ PAYMENT_METHOD_TYPES: "card, konbini,paypay" }).PAYMENT_METHOD_TYPES).toEqual(["card", "konbini", "paypay"]);
      const problems = problemsOf({ PAYMENT_SECRET_KEY: "pk_test_abc12345678", PAYMENT_WEBHOOK_SECRET: "secret", PAYMENT_METHOD_TYPES: "card,bitcoin", PAYMENT_SESSION_MINUTES: "10" });
      expect(problems.map((p) => p.split(/[:.]/)[0]).sort()).toEqual(["PAYMENT_METHOD_TYPES", "PAYMENT_SECRET_KEY", "PAYMENT_SESSION_MINUTES", "PAYMENT_WEBHOOK_SECRET"]);
    });
    it("production refuses the payment simulator, its secrets, a test key and a missing webhook secret", () => {
      expect(problemsOf({ ...PRODUCTION, PAYMENT_API_BASE_URL: "http://127.0.0.1:4030" })).toEqual([expect.stringMatching(/^PAYMENT_API_BASE_URL: /)]);
      expect(problemsOf({ ...PRODUCTION, PAYMENT_WEBHOOK_SECRET: SIMULATOR_DEFAULTS.PAYMENT_WEBHOOK_SECRET })).toEqual([expect.stringMatching(/^PAYMENT_WEBHOOK_SECRET: /)]);
      expect(problemsOf({ ...PRODUCTION, PAYMENT_WEBHOOK_SECRET: undefined })).toEqual([expect.stringMatching(/^PAYMENT_WEBHOOK_SECRET: /)]);
      expect(problemsOf({ ...PRODUCTION, PAYMENT_SECRET_KEY: "sk_test_someTestKey1234" })).toEqual([expect.stringMatching(/^PAYMENT_SECRET_KEY: .*sk_test_/)]);
    });
  });

  describe("LINE and JPKI settings", () => {
    it("point at the local simulators outside production, with the worker in-process only in development", () => {
      const config = parseConfig({});
      expect(config.LINE_API_BASE_URL).toBe(SIMULATOR_DEFAULTS.LINE_API_BASE_URL);
      expect(config.JPKI_ISSUER).toBe(SIMULATOR_DEFAULTS.JPKI_ISSUER);
      expect(config.RUN_WORKER_IN_PROCESS).toBe(true);
      expect(parseConfig({ NODE_ENV: "test" }).RUN_WORKER_IN_PROCESS).toBe(false);
      expect(parseConfig(PRODUCTION).RUN_WORKER_IN_PROCESS).toBe(false);
    });
    it("reject malformed values and a push rate above LINE's limit", () => {
      const problems = problemsOf({ LIFF_ID: "liff", LINE_LOGIN_CHANNEL_ID: "abc", LINE_PUSH_REQUESTS_PER_SECOND: "2001", JPKI_SCOPES: "name address" });
      expect(problems.map((p) => p.split(":")[0]).sort()).toEqual(["JPKI_SCOPES", "LIFF_ID", "LINE_LOGIN_CHANNEL_ID", "LINE_PUSH_REQUESTS_PER_SECOND"]);
    });
    it("production refuses missing LINE/JPKI secrets, simulator defaults and simulator URLs", () => {
      expect(problemsOf({ ...PRODUCTION, LINE_CHANNEL_SECRET: undefined })).toEqual([expect.stringMatching(/^LINE_CHANNEL_SECRET: /)]);
      expect(problemsOf({ ...PRODUCTION, JPKI_CLIENT_SECRET: undefined })).toEqual([expect.stringMatching(/^JPKI_CLIENT_SECRET: /)]);
      expect(problemsOf({ ...PRODUCTION, LINE_CHANNEL_ACCESS_TOKEN: SIMULATOR_DEFAULTS.LINE_CHANNEL_ACCESS_TOKEN })).toEqual([
        expect.stringMatching(/^LINE_CHANNEL_ACCESS_TOKEN: /),
      ]);
      expect(problemsOf({ ...PRODUCTION, LINE_API_BASE_URL: "http://localhost:4999" })).toEqual([expect.stringMatching(/^LINE_API_BASE_URL: /)]);
      expect(problemsOf({ ...PRODUCTION, JPKI_ISSUER: "http://jpki.example.jp" })).toEqual([expect.stringMatching(/^JPKI_ISSUER: /)]);
      const bare = { NODE_ENV: "production", DATABASE_URL: PRODUCTION.DATABASE_URL, APP_URL: PRODUCTION.APP_URL, AUTH_SECRET: SECRET, TRUSTED_PROXY_HOPS: "1" };
      expect(problemsOf(bare).map((p) => p.split(":")[0]).sort()).toEqual([...Object.keys(SIMULATOR_DEFAULTS), "CLAMAV_HOST"].sort());
    });
  });

  it("lets the e2e suite run a production build with simulators on localhost only, still with a real secret", () => {
    const e2e = { NODE_ENV: "production", APP_URL: "http://localhost:3100", E2E_PRODUCTION_BUILD: "true", USE_SIMULATORS: "true" };
    expect(problemsOf({ ...e2e, AUTH_SECRET: SECRET })).toEqual([]);
    expect(problemsOf(e2e)).toEqual([expect.stringMatching(/^AUTH_SECRET: /)]);
  });
});
