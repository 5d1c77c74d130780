import { describe, expect, it } from "vitest";
import { ConfigError, DEV_DEFAULTS, parseConfig } from "./env";

const SECRET = "a".repeat(20) + "b".repeat(20);
const PRODUCTION = {
  NODE_ENV: "production",
  DATABASE_URL: "postgres://yakuba@db.internal:5432/yakuba",
  APP_URL: "https://yakuba.town.example.lg.jp",
  AUTH_SECRET: SECRET,
};

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
    it("with the e2e switch on a public URL", () => {
      const problems = problemsOf({ ...PRODUCTION, E2E_PRODUCTION_BUILD: "true", USE_SIMULATORS: "true" });
      expect(problems).toContainEqual(expect.stringMatching(/^E2E_PRODUCTION_BUILD: /));
      expect(problems).toContainEqual(expect.stringMatching(/^USE_SIMULATORS: /));
    });
  });

  it("lets the e2e suite run a production build with simulators on localhost only, still with a real secret", () => {
    const e2e = { NODE_ENV: "production", APP_URL: "http://localhost:3100", E2E_PRODUCTION_BUILD: "true", USE_SIMULATORS: "true" };
    expect(problemsOf({ ...e2e, AUTH_SECRET: SECRET })).toEqual([]);
    expect(problemsOf(e2e)).toEqual([expect.stringMatching(/^AUTH_SECRET: /)]);
  });
});
