import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { platformProblems } from "./lockfile.mjs";

type Lock = { packages: Record<string, Record<string, unknown>> };
const root = path.resolve(import.meta.dirname, "..");
const committed = (): Lock => JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8")) as Lock;

describe("package-lock.json installs on every platform (npm ci on Linux, macOS, Windows)", () => {
  it("locks every optional platform build, with one for each of linux/darwin/win32 × x64/arm64", () => {
    expect(platformProblems(committed())).toEqual([]);
  });

  it.each(["@next/swc-darwin-arm64", "@next/swc-win32-x64-msvc", "@tailwindcss/oxide-darwin-x64", "lightningcss-win32-arm64-msvc", "@node-rs/argon2-darwin-x64"])(
    "names a missing %s",
    (name) => {
      const lock = committed();
      delete lock.packages[`node_modules/${name}`];
      expect(platformProblems(lock)).toContainEqual(expect.stringContaining(`optional dependency ${name} is not in the lockfile`));
    },
  );

  it("names a platform left without any build", () => {
    const lock: Lock = {
      packages: {
        "": { dependencies: { tool: "1.0.0" } },
        "node_modules/tool": { version: "1.0.0", optionalDependencies: { "tool-linux-x64": "1.0.0", "tool-darwin-arm64": "1.0.0" } },
        "node_modules/tool-linux-x64": { version: "1.0.0", os: ["linux"], cpu: ["x64"], optional: true },
        "node_modules/tool-darwin-arm64": { version: "1.0.0", os: ["darwin"], cpu: ["arm64"], optional: true },
      },
    };
    expect(platformProblems(lock)).toEqual([
      "node_modules/tool: no build for linux-arm64",
      "node_modules/tool: no build for darwin-x64",
      "node_modules/tool: no build for win32-x64",
      "node_modules/tool: no build for win32-arm64",
    ]);
  });

  it("agrees with engines: no locked package needs a newer Node than package.json allows", () => {
    const lock = committed();
    const minimum = String((lock.packages[""]!.engines as { node: string }).node).replace(/^>=\s*/u, "");
    const major = Number(minimum.split(".")[0]);
    const floorOf = (entry: Record<string, unknown>) => (entry.engines as { node?: string } | undefined)?.node?.match(/^>=\s*(\d+)/u)?.[1];
    const tooNew = Object.entries(lock.packages)
      .filter(([key, entry]) => key !== "" && Number(floorOf(entry) ?? 0) > major)
      .map(([key, entry]) => `${key} ${(entry.engines as { node: string }).node}`);
    expect(tooNew).toEqual([]);
  });
});
