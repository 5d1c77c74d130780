import "./load-env";
import { closeDatabase, getDb } from "@/db";
import { ConfigError, getConfig } from "@/lib/config/env";
import { rekeyStoredKeys } from "@/lib/programs/rekey";
import { getTownProfile } from "@/lib/programs/town";

// After a change to lib/matching's rules: `npm run matching:rekey` recomputes the stored address and name keys
// (safe to run again, and beside a running app). `--batch=N` sets the rows per transaction (default 1000).
try {
  getConfig();
  const batchArg = process.argv.find((arg) => arg.startsWith("--batch="));
  const batchSize = batchArg ? Number(batchArg.slice("--batch=".length)) : 1000;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) {
    throw new ConfigError(["--batch は 1〜100000 の整数で指定してください"]);
  }
  const result = await rekeyStoredKeys(await getDb(), { town: getTownProfile(), batchSize, log: (line) => console.log(line) });
  for (const [table, count] of Object.entries(result)) console.log(`[rekey] ${table}: scanned=${count.scanned} updated=${count.updated}`);
  await closeDatabase();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
