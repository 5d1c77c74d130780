import "./load-env";
import { spawn } from "node:child_process";
import { closeDatabase, getDb } from "@/db";
import { getConfig } from "@/lib/config/env";
import { startDevSimulators } from "@/lib/services/dev-simulators";
import { liffUrl } from "@/lib/line/links";
import { setupRichMenu } from "@/lib/line/richmenu";
import { isDatabaseEmpty, seedDemoData } from "@/lib/seed/demo";
import { seedDemoForms } from "@/lib/seed/demo-forms";
import { seedDemoProgram } from "@/lib/seed/demo-program";
import { devAppUrl, readDevArgs } from "./dev-args";

// One command for a fresh machine: migrate, seed an empty database, start the app.
// The seeding process queues demo LINE messages but must not deliver them: the app's own worker does.
// `npm run dev -- -p 3400`: APP_URL (JPKI return, LIFF links, webhooks) follows the port unless it is set.
const args = readDevArgs(process.argv.slice(2), process.env);
process.env.PORT = String(args.port);
process.env.APP_URL ||= devAppUrl(args);
const workerSetting = process.env.RUN_WORKER_IN_PROCESS;
process.env.RUN_WORKER_IN_PROCESS = "false";
const config = getConfig();
const db = await getDb();
if (await isDatabaseEmpty(db)) {
  const seeded = await seedDemoData(db);
  const program = await seedDemoProgram(db);
  await seedDemoForms(db);
  console.log(`[dev] seeded demo data: ${seeded.createdDepartments} departments, ${seeded.createdStaff} staff, program with ${program.filings} filings`);
}
if (workerSetting === undefined) delete process.env.RUN_WORKER_IN_PROCESS;
else process.env.RUN_WORKER_IN_PROCESS = workerSetting;
// PGlite allows one process per data directory: release it before the Next.js server opens it.
await closeDatabase();

console.log(`[dev] database: ${config.DATABASE_URL ? "PostgreSQL" : `PGlite (${config.PGLITE_DATA_DIR})`}`);
// The LINE platform and JPKI issuer simulators live in this launcher process, next to `next dev`.
if (config.USE_SIMULATORS) {
  const simulators = await startDevSimulators(config);
  const menu = await setupRichMenu({ baseUrl: config.LINE_API_BASE_URL, dataBaseUrl: config.LINE_DATA_API_BASE_URL, channelAccessToken: config.LINE_CHANNEL_ACCESS_TOKEN, liffUrl });
  console.log(`[dev] simulators: LINE ${simulators.line.url} (rich menu ${menu.richMenuId}) · JPKI ${simulators.jpki.url} · payments ${simulators.payments.url} · inbox ${config.APP_URL}/dev/line`);
}
console.log(`[dev] app: ${config.APP_URL}${args.hostname ? "" : ` (also http://127.0.0.1:${args.port})`}`);
const hostArgs = args.hostname ? ["--hostname", args.hostname] : [];
const next = spawn("npx", ["next", "dev", "--port", String(args.port), ...hostArgs, ...args.rest], {
  stdio: "inherit",
  env: { NEXT_TELEMETRY_DISABLED: "1", ...process.env },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => next.kill(signal));
next.on("exit", (code) => process.exit(code ?? 0));
