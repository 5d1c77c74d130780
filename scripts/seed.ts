import "./load-env";
import { closeDatabase, getDb } from "@/db";
import { ConfigError, getConfig } from "@/lib/config/env";
import { seedDemoData } from "@/lib/seed/demo";

try {
  const config = getConfig();
  if (config.NODE_ENV === "production" && !config.E2E_PRODUCTION_BUILD) {
    console.error("本番環境ではデモデータを投入できません。");
    process.exit(1);
  }
  const result = await seedDemoData(await getDb());
  console.log(`demo data: ${result.createdDepartments} departments, ${result.createdStaff} staff created`);
  await closeDatabase();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
