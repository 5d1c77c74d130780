import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PRODUCTION_SERVER_NODE_ARGS } from "./server-node-args";

describe("production server flags", () => {
  it("npm start runs next with the same Node.js flags the benchmarks and the browser suite use", () => {
    const pkg = JSON.parse(readFileSync(path.join(process.cwd(), "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe(`node ${PRODUCTION_SERVER_NODE_ARGS.join(" ")} node_modules/next/dist/bin/next start`);
  });
});
