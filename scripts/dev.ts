import "./load-env";
import { spawn } from "node:child_process";
import { closeDatabase, getDb } from "@/db";
import { getConfig } from "@/lib/config/env";
import { startDevSimulators } from "@/lib/line/dev-simulators";
import { liffUrl } from "@/lib/line/links";
import { setupRichMenu } from "@/lib/line/richmenu";
import { isDatabaseEmpty, seedDemoData } from "@/lib/seed/demo";
import { seedDemoForms } from "@/lib/seed/demo-forms";
import { seedDemoProgram } from "@/lib/seed/demo-program";

// One command for a fresh machine: migrate, seed an empty database, start the app.
// The seeding process queues demo LINE messages but must not deliver them: the app's own worker does.
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
const next = spawn("npx", ["next", "dev", "--port", process.env.PORT ?? "3000"], {
  stdio: "inherit",
  env: { NEXT_TELEMETRY_DISABLED: "1", ...process.env },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => next.kill(signal));
next.on("exit", (code) => process.exit(code ?? 0));
