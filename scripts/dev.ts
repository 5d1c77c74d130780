import "./load-env";
import { spawn } from "node:child_process";
import { closeDatabase, getDb } from "@/db";
import { getConfig } from "@/lib/config/env";
import { isDatabaseEmpty, seedDemoData } from "@/lib/seed/demo";

// One command for a fresh machine: migrate, seed an empty database, start the app.
const config = getConfig();
const db = await getDb();
if (await isDatabaseEmpty(db)) {
  const seeded = await seedDemoData(db);
  console.log(`[dev] seeded demo data: ${seeded.createdDepartments} departments, ${seeded.createdStaff} staff`);
}
// PGlite allows one process per data directory: release it before the Next.js server opens it.
await closeDatabase();

console.log(`[dev] database: ${config.DATABASE_URL ? "PostgreSQL" : `PGlite (${config.PGLITE_DATA_DIR})`}`);
const next = spawn("npx", ["next", "dev", "--port", process.env.PORT ?? "3000"], {
  stdio: "inherit",
  env: { NEXT_TELEMETRY_DISABLED: "1", ...process.env },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => next.kill(signal));
next.on("exit", (code) => process.exit(code ?? 0));
