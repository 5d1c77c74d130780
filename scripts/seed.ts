import "./load-env";
import { closeDatabase, getDb } from "@/db";
import { ConfigError, getConfig } from "@/lib/config/env";
import { seedDemoData } from "@/lib/seed/demo";
import { seedDemoForms } from "@/lib/seed/demo-forms";
import { seedDemoProgram } from "@/lib/seed/demo-program";

// Seeding queues demo LINE messages; the app's worker delivers them, not this short-lived process.
process.env.RUN_WORKER_IN_PROCESS = "false";

try {
  const config = getConfig();
  if (config.NODE_ENV === "production" && !config.E2E_PRODUCTION_BUILD) {
    console.error("本番環境ではデモデータを投入できません。");
    process.exit(1);
  }
  const result = await seedDemoData(await getDb());
  const program = await seedDemoProgram(await getDb());
  const demoForms = await seedDemoForms(await getDb());
  console.log(`demo forms: ${demoForms.created} created`);
  console.log(`demo data: ${result.createdDepartments} departments, ${result.createdStaff} staff created; demo program ${program.created ? "created" : "present"} with ${program.filings} new filings`);
  await closeDatabase();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
