import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { PRODUCTION_SERVER_NODE_ARGS } from "./server-node-args";

/**
 * The browser suite's server (Playwright's webServer): a fresh database, the demo data and the e2e accounts,
 * `next build` (unless E2E_SKIP_BUILD=1 reuses the last build), then `next start`. On SIGTERM it stops the
 * server and removes the database. PGlite by default; a fresh PostgreSQL database when E2E_DATABASE_URL is set.
 */
const port = process.env.E2E_PORT ?? "3100";
const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const dataRoot = path.join(process.cwd(), ".data");
let cleanup: () => Promise<void> = async () => {};

async function run(command: string, args: string[], runEnv: NodeJS.ProcessEnv = env): Promise<void> {
  console.log(`[e2e-server] ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { env: runEnv, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`[e2e-server] ${command} ${args.join(" ")} failed (${result.status ?? result.signal})`);
    await cleanup();
    process.exit(1);
  }
}

if (process.env.E2E_DATABASE_URL) {
  const name = `yakuba_e2e_${Date.now()}_${process.pid}`;
  const admin = postgres(process.env.E2E_DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(process.env.E2E_DATABASE_URL);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  console.log(`[e2e-server] PostgreSQL database ${name}`);
  cleanup = async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
    await admin.end({ timeout: 5 });
  };
} else {
  mkdirSync(dataRoot, { recursive: true });
  // Leftovers of runs that were killed: every .data/e2e-* directory belongs to this suite.
  for (const entry of readdirSync(dataRoot, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name.startsWith("e2e-"))) {
    rmSync(path.join(dataRoot, entry.name), { recursive: true, force: true });
  }
  const dir = path.join(dataRoot, `e2e-${Date.now()}`);
  // Empty, not unset: Next.js would otherwise fill it in from a developer's .env file.
  env.DATABASE_URL = "";
  env.PGLITE_DATA_DIR = dir;
  console.log(`[e2e-server] PGlite ${dir}`);
  cleanup = async () => rmSync(dir, { recursive: true, force: true });
}

await run("npm", ["run", "--silent", "db:seed"]);
await run("npx", ["tsx", "--conditions=react-server", "scripts/e2e-seed.ts"]);
if (process.env.E2E_SKIP_BUILD === "1") console.log("[e2e-server] E2E_SKIP_BUILD=1: reusing the last build in .next");
// Built as an image would be: no settings, no secrets (only the toolchain's own variables); configured at start.
else await run("npx", ["next", "build"], { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" });

// The LINE platform and JPKI issuer simulators the resident flows talk to, as in development.
const { getConfig } = await import("@/lib/config/env");
const { startDevSimulators } = await import("@/lib/services/dev-simulators");
for (const [key, value] of Object.entries(env)) if (value !== undefined) process.env[key] = value;
const simulators = await startDevSimulators(getConfig());
console.log(`[e2e-server] simulators: LINE ${simulators.line.url} · JPKI ${simulators.jpki.url} · payments ${simulators.payments.url}`);

// The Next.js CLI itself (not npx), so that the signal below reaches the server and not just a wrapper.
const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
const server = spawn(process.execPath, [...PRODUCTION_SERVER_NODE_ARGS, nextBin, "start", "--port", port], { env, stdio: "inherit" });
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    stopping = true;
    server.kill("SIGTERM");
  });
}
server.on("exit", (code, signal) => {
  void cleanup().finally(() => process.exit(stopping ? 0 : (code ?? (signal ? 1 : 0))));
});
