import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigError, parseConfig, resetConfigCache } from "@/lib/config/env";
import { PRODUCTION_ENV } from "@/lib/testing/production-env";
import { ClamdScanner, getAttachmentScanner, SimulatorScanner } from "./attachment-scan";

describe("the virus scanner a deployment gets", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    resetConfigCache();
  });

  it("production refuses to start without clamd (the simulator scanner only knows EICAR)", () => {
    const { CLAMAV_HOST: _, ...withoutClamd } = PRODUCTION_ENV;
    expect(() => parseConfig(withoutClamd)).toThrow(ConfigError);
    expect(() => parseConfig(withoutClamd)).toThrow(/CLAMAV_HOST/);
    expect(parseConfig(PRODUCTION_ENV).CLAMAV_HOST).toBe("clamav");
    expect(() => parseConfig({ ...PRODUCTION_ENV, CLAMAV_HOST: "clamd; rm -rf /" })).toThrow(/CLAMAV_HOST/);
  });

  it("clamd when configured, the simulator with simulators on, and none otherwise (uploads then refused)", () => {
    vi.stubEnv("CLAMAV_HOST", "127.0.0.1");
    resetConfigCache();
    expect(getAttachmentScanner()).toBeInstanceOf(ClamdScanner);
    vi.stubEnv("CLAMAV_HOST", "");
    vi.stubEnv("USE_SIMULATORS", "true");
    resetConfigCache();
    expect(getAttachmentScanner()).toBeInstanceOf(SimulatorScanner);
    vi.stubEnv("USE_SIMULATORS", "false");
    resetConfigCache();
    expect(getAttachmentScanner()).toBeNull();
  });
});
