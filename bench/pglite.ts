/**
 * PGlite (the README's `npm run dev` database and the default test database) with and without named prepared
 * statements (db/pglite-prepared.ts): the same counter filings and review decisions through the guard, in-process.
 * Each mode runs twice, alternating, on a fresh in-memory database; the faster run of each counts.
 * Last line: pglite_plain_ms_per_filing=N pglite_prepared_ms_per_filing=N pglite_plain_ms_per_decision=N
 * pglite_prepared_ms_per_decision=N filing_speedup=N prepared_statements=N
 */
import { performance } from "node:perf_hooks";
import { openDatabase, setDatabaseHandleForTests } from "@/db";
import { runGuarded } from "@/lib/auth/guard";
import { fileAtCounter } from "@/lib/filings/counter-operations";
import { decideFiling } from "@/lib/filings/operations";
import { createActor, createDepartment } from "@/lib/testing/factories";
import { createHousehold, createProgram } from "@/lib/testing/program-factories";
import { round } from "./lib";

const HOUSEHOLDS = Number(process.env.BENCH_HOUSEHOLDS ?? 600);

type Figures = { msPerFiling: number; msPerDecision: number; prepared: number };

async function measure(prepared: boolean): Promise<Figures> {
  const handle = await openDatabase({ pglitePreparedStatements: prepared });
  setDatabaseHandleForTests(handle);
  try {
    const department = await createDepartment();
    const program = await createProgram({ departmentId: department.id });
    const counter = { actor: await createActor([{ departmentId: department.id, role: "counter" }]), requestId: null };
    const reviewer = { actor: await createActor([{ departmentId: department.id, role: "reviewer" }]), requestId: null };
    const households = [];
    // Each household at its own block, so no filing is held as a suspected duplicate.
    for (let i = 0; i < HOUSEHOLDS; i++) households.push(await createHousehold({ programId: program.id, members: 2, address: `当麻町${(i % 30) + 1}条東${i}丁目1番1号` }));

    const filingIds: string[] = [];
    let started = performance.now();
    for (const household of households) {
      const filed = await runGuarded(counter, fileAtCounter, { householdId: household.id, representativeMemberId: household.members[0]!.id, identityDocument: "my_number_card" });
      if (!filed.ok) throw new Error(`filing refused: ${filed.error}`);
      filingIds.push(filed.data.filingId);
    }
    const msPerFiling = (performance.now() - started) / HOUSEHOLDS;

    started = performance.now();
    for (const filingId of filingIds) {
      const decided = await runGuarded(reviewer, decideFiling, { filingId, decision: "approve" });
      if (!decided.ok) throw new Error(`decision refused: ${decided.error}`);
    }
    const msPerDecision = (performance.now() - started) / HOUSEHOLDS;
    return { msPerFiling, msPerDecision, prepared: handle.preparedStatements?.prepared ?? 0 };
  } finally {
    setDatabaseHandleForTests(undefined);
    await handle.close();
  }
}

const best = (runs: Figures[]): Figures => ({
  msPerFiling: Math.min(...runs.map((r) => r.msPerFiling)),
  msPerDecision: Math.min(...runs.map((r) => r.msPerDecision)),
  prepared: Math.max(...runs.map((r) => r.prepared)),
});

const plainRuns: Figures[] = [];
const preparedRuns: Figures[] = [];
for (let pass = 0; pass < 2; pass++) {
  plainRuns.push(await measure(false));
  preparedRuns.push(await measure(true));
  const [p, q] = [plainRuns.at(-1)!, preparedRuns.at(-1)!];
  console.log(`run ${pass + 1}: plain ${round(p.msPerFiling, 2)} ms/filing ${round(p.msPerDecision, 2)} ms/decision; prepared ${round(q.msPerFiling, 2)} ms/filing ${round(q.msPerDecision, 2)} ms/decision (${q.prepared} statements prepared)`);
}
const [plain, prepared] = [best(plainRuns), best(preparedRuns)];
console.log(
  `pglite_plain_ms_per_filing=${round(plain.msPerFiling, 2)} pglite_prepared_ms_per_filing=${round(prepared.msPerFiling, 2)} ` +
    `pglite_plain_ms_per_decision=${round(plain.msPerDecision, 2)} pglite_prepared_ms_per_decision=${round(prepared.msPerDecision, 2)} ` +
    `filing_speedup=${round(plain.msPerFiling / prepared.msPerFiling, 2)} prepared_statements=${prepared.prepared}`,
);
