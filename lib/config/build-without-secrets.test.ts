import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { PHASE_PRODUCTION_BUILD, PHASE_PRODUCTION_SERVER } from "next/constants";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CONFIG_KEYS } from "@/lib/testing/production-env";
import nextConfig from "@/next.config";

/**
 * An image is built once (`NODE_ENV=production next build`, no secrets) and configured per environment, so no
 * page may read the configuration or the staff session while it is prerendered at build time; the refusal to run
 * with missing secrets or simulators on stays at start-up. (scripts/e2e-server.ts builds with no settings at all,
 * so the browser suite proves the build itself on every CI run.)
 */
const appDir = path.resolve(import.meta.dirname, "../../app");
const READS_RUNTIME = /\b(getConfig|getAuthOptions|getCurrentStaff|requireStaffPage|requireSignedInStaff)\(/;
const FORCE_DYNAMIC = /export const dynamic = "force-dynamic"/;

function segmentFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return segmentFiles(full);
    return /^(page|layout)\.tsx$/.test(name) ? [full] : [];
  });
}

function dynamicAt(file: string): boolean {
  for (let dir = path.dirname(file); dir.startsWith(appDir); dir = path.dirname(dir)) {
    for (const candidate of [file, path.join(dir, "layout.tsx")]) {
      try {
        if (FORCE_DYNAMIC.test(readFileSync(candidate, "utf8"))) return true;
      } catch {
        // no layout at this level
      }
    }
  }
  return false;
}

describe("the production build needs no secrets", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("every page or layout that reads the configuration or the staff session is rendered per request", () => {
    const reading = segmentFiles(appDir).filter((file) => READS_RUNTIME.test(readFileSync(file, "utf8")));
    expect(reading.length).toBeGreaterThan(10);
    expect(reading.filter((file) => !dynamicAt(file)).map((file) => path.relative(appDir, file))).toEqual([]);
  });

  it("next.config builds with no production settings at all, and the same environment refuses to start", () => {
    for (const key of CONFIG_KEYS) vi.stubEnv(key, undefined as unknown as string);
    vi.stubEnv("NODE_ENV", "production");
    const exit = vi.spyOn(process, "exit").mockImplementation(((code: number) => {
      throw new Error(`exit ${code}`);
    }) as never);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(nextConfig(PHASE_PRODUCTION_BUILD).poweredByHeader).toBe(false);
    expect(exit).not.toHaveBeenCalled();
    expect(() => nextConfig(PHASE_PRODUCTION_SERVER)).toThrow("exit 1");
    const printed = errors.mock.calls.flat().join("\n");
    for (const key of ["AUTH_SECRET", "DATABASE_URL", "TRUSTED_PROXY_HOPS", "LINE_CHANNEL_SECRET"]) expect(printed).toContain(key);
  });
});
