import { describe, expect, it } from "vitest";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";
import { defaultAppUrl, parseConfig } from "@/lib/config/env";
import nextConfig from "../next.config";
import { devAppUrl, readDevArgs } from "./dev-args";

describe("npm run dev on another port or host", () => {
  it.each([
    [[], {}, 3000, "http://localhost:3000"],
    [["-p", "3400"], {}, 3400, "http://localhost:3400"],
    [["--port", "3400"], {}, 3400, "http://localhost:3400"],
    [["--port=3400"], {}, 3400, "http://localhost:3400"],
    [[], { PORT: "3500" }, 3500, "http://localhost:3500"],
    [["-p", "3400"], { PORT: "3500" }, 3400, "http://localhost:3400"],
    [["-p", "3400", "-H", "127.0.0.1"], {}, 3400, "http://127.0.0.1:3400"],
    [["-p", "3400", "--hostname", "0.0.0.0"], {}, 3400, "http://localhost:3400"],
  ] as const)("%j with %j → port %d, %s", (argv, env, port, url) => {
    const args = readDevArgs(argv, env);
    expect(args.port).toBe(port);
    expect(devAppUrl(args)).toBe(url);
  });

  it("passes other flags on to next dev", () => {
    expect(readDevArgs(["--turbopack", "-p", "3400", "--experimental-https"], {}).rest).toEqual(["--turbopack", "--experimental-https"]);
  });

  it.each([["-p", "abc"], ["-p"], ["-p", "70000"], ["--port=0"]])("refuses a bad port: %j", (...argv) => {
    expect(() => readDevArgs(argv, {})).toThrow(/port must be 1–65535/u);
  });

  it("derives APP_URL from PORT when APP_URL is unset, so the JPKI simulator returns to the right port", () => {
    expect(defaultAppUrl({})).toBe("http://localhost:3000");
    expect(defaultAppUrl({ PORT: "3400" })).toBe("http://localhost:3400");
    expect(defaultAppUrl({ PORT: "not-a-port" })).toBe("http://localhost:3000");
    expect(parseConfig({ PORT: "3400" }).APP_URL).toBe("http://localhost:3400");
    expect(parseConfig({ PORT: "3400", APP_URL: "http://127.0.0.1:3999" }).APP_URL).toBe("http://127.0.0.1:3999");
    expect(parseConfig({ PORT: "3400", APP_URL: "" }).APP_URL).toBe("http://localhost:3400");
  });

  it("still refuses a production start without an https APP_URL", () => {
    expect(() => parseConfig({ NODE_ENV: "production", PORT: "3400" })).toThrow(/APP_URL: 本番環境では https:\/\/ の URL が必須です/u);
  });

  it("lets both localhost and 127.0.0.1 load the dev server's scripts (Next's dev origin check)", () => {
    const config = nextConfig(PHASE_DEVELOPMENT_SERVER);
    expect(config.allowedDevOrigins).toEqual(expect.arrayContaining(["localhost", "127.0.0.1"]));
  });
});
