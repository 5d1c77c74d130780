import "./load-env";
import { closeDatabase, getDatabaseHandle } from "@/db";
import { ConfigError } from "@/lib/config/env";

// Opening the database applies every pending migration (PostgreSQL or PGlite, whichever is configured).
try {
  const handle = await getDatabaseHandle();
  console.log(`migrations applied (${handle.driver})`);
  await closeDatabase();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
