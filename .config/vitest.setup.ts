import { afterAll, beforeAll, inject } from "vitest";
import { closeDatabase, openDatabase, setDatabaseHandleForTests } from "@/db";

// Every test file gets its own in-memory PGlite, or shares the run's fresh PostgreSQL database.
beforeAll(async () => {
  const databaseUrl = inject("testDatabaseUrl") ?? undefined;
  setDatabaseHandleForTests(await openDatabase({ databaseUrl, poolMax: 20 }));
});

afterAll(async () => {
  await closeDatabase();
});
