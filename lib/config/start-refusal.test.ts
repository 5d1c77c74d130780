import { PHASE_PRODUCTION_BUILD, PHASE_PRODUCTION_SERVER } from "next/constants";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CONFIG_KEYS, PRODUCTION_ENV as GOOD_PRODUCTION } from "@/lib/testing/production-env";
import nextConfig from "@/next.config";

function withEnv(env: Record<string, string>) {
  for (const key of CONFIG_KEYS) vi.stubEnv(key, undefined as unknown as string);
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
}

describe("next start refuses a bad production configuration", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("exits with status 1 and names the setting when simulators are on", () => {
    withEnv({ ...GOOD_PRODUCTION, USE_SIMULATORS: "true" });
    const exit = vi.spyOn(process, "exit").mockImplementation(((code: number) => {
      throw new Error(`exit ${code}`);
    }) as never);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(() => nextConfig(PHASE_PRODUCTION_SERVER)).toThrow("exit 1");
    expect(exit).toHaveBeenCalledWith(1);
    expect(errors.mock.calls.flat().join("\n")).toContain("USE_SIMULATORS");
  });

  it("exits when the secret is missing", () => {
    withEnv({ ...GOOD_PRODUCTION, AUTH_SECRET: "" });
    vi.spyOn(process, "exit").mockImplementation(((code: number) => {
      throw new Error(`exit ${code}`);
    }) as never);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(() => nextConfig(PHASE_PRODUCTION_SERVER)).toThrow("exit 1");
    expect(errors.mock.calls.flat().join("\n")).toContain("AUTH_SECRET");
  });

  it("starts with a complete production configuration, and never checks at build time", () => {
    withEnv(GOOD_PRODUCTION);
    const exit = vi.spyOn(process, "exit");
    expect(nextConfig(PHASE_PRODUCTION_SERVER).poweredByHeader).toBe(false);
    withEnv({ NODE_ENV: "production", USE_SIMULATORS: "true" });
    expect(nextConfig(PHASE_PRODUCTION_BUILD).poweredByHeader).toBe(false);
    expect(exit).not.toHaveBeenCalled();
  });
});
