import { afterAll, beforeAll, inject } from "vitest";
import { closeDatabase, openDatabase, setDatabaseHandleForTests } from "@/db";

// Every test file gets its own in-memory PGlite, or shares the run's fresh PostgreSQL database.
beforeAll(async () => {
  const databaseUrl = inject("testDatabaseUrl") ?? undefined;
  // Round trips are counted on PostgreSQL, where the filing path's budget is tested (lib/filings/roundtrips.test.ts).
  setDatabaseHandleForTests(await openDatabase({ databaseUrl, poolMax: 20, countRoundTrips: Boolean(databaseUrl) }));
});

afterAll(async () => {
  await closeDatabase();
});
