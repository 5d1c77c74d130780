import { existsSync } from "node:fs";

// Scripts read the same .env files as Next.js, without overriding variables already set.
for (const file of [".env.local", ".env"]) {
  if (existsSync(file)) process.loadEnvFile(file);
}
