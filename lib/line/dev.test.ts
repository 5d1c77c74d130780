import { afterEach, describe, expect, it } from "vitest";
import { resetConfigCache } from "@/lib/config/env";
import { PRODUCTION_ENV } from "@/lib/testing/production-env";
import { devInboxEnabled, simulatorToolsEnabled } from "./dev";
import { backoffMs, RateLimiter } from "./worker";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetConfigCache();
});

function withEnv(env: Record<string, string>) {
  process.env = { ...saved, ...env };
  resetConfigCache();
}

describe("development-only LINE tools", () => {
  it("the inbox exists only in development with simulators on", () => {
    withEnv({ NODE_ENV: "development" });
    expect(devInboxEnabled()).toBe(true);
    withEnv({ NODE_ENV: "development", USE_SIMULATORS: "false" });
    expect(devInboxEnabled()).toBe(false);
    expect(simulatorToolsEnabled()).toBe(false);
    withEnv({ NODE_ENV: "test" });
    expect(devInboxEnabled()).toBe(false);
    // The loopback-only e2e build is a test setup: it shows the inbox so the browser suite can read it.
    withEnv({ NODE_ENV: "production", E2E_PRODUCTION_BUILD: "true", USE_SIMULATORS: "true", APP_URL: "http://localhost:3100", AUTH_SECRET: "x".repeat(40) });
    expect(simulatorToolsEnabled()).toBe(true);
    expect(devInboxEnabled()).toBe(true);
    // A real production server refuses simulators, so it never has the inbox.
    withEnv({ ...PRODUCTION_ENV, USE_SIMULATORS: "true" });
    expect(devInboxEnabled).toThrow(/USE_SIMULATORS/);
    withEnv({ ...PRODUCTION_ENV });
    expect(devInboxEnabled()).toBe(false);
  });
});

describe("worker pacing", () => {
  it("spaces requests at the configured rate (slots, not wall-clock timing)", async () => {
    const limiter = new RateLimiter(1000);
    const internal = limiter as unknown as { next: number };
    await limiter.take();
    const first = internal.next;
    await limiter.take();
    expect(internal.next - first).toBeCloseTo(1, 5);
  });

  it("backs off exponentially with jitter, capped", () => {
    for (let attempt = 1; attempt <= 12; attempt++) {
      const ceiling = Math.min(60_000, 1000 * 2 ** (attempt - 1));
      const value = backoffMs(attempt, 1000, 60_000);
      expect(value).toBeGreaterThanOrEqual(ceiling / 2);
      expect(value).toBeLessThanOrEqual(ceiling);
    }
  });
});
