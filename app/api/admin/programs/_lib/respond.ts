import "server-only";
import { Readable } from "node:stream";
import { getDb } from "@/db";
import { jstToday } from "@/lib/dates/jst";
import { csvLine, UTF8_BOM } from "@/lib/http/csv";
import type { AuditDraft } from "@/lib/audit/log";
import { runGuarded, type GuardContext, type GuardFailure } from "@/lib/auth/guard";
import { defineOperation } from "@/lib/auth/operation";
import { getConfig } from "@/lib/config/env";
import { writeBatchFile } from "@/lib/grants/export/batch-writer";
import { simulateResultFile } from "@/lib/grants/export/simulator";
import { batchExportRows } from "@/lib/grants/batch-queries";
import { markBatchExported } from "@/lib/grants/operations";
import { exportBatchFile } from "@/lib/grants/result-import";
import { renderGuideLetters } from "@/lib/letters/pdf";
import { exportGuideLetters, letterHouseholds } from "@/lib/programs/letters";
import { reportCsvRows, viewProgramReport } from "@/lib/programs/report";

const NO_STORE = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } as const;

/** Guard failures answer JSON with the guard's status (401, 403, 404, 409 …), never a partial file. */
export function failureResponse(outcome: GuardFailure): Response {
  return Response.json(
    { error: outcome.error, ...(outcome.fieldErrors ? { fieldErrors: outcome.fieldErrors } : {}) },
    { status: outcome.status, headers: NO_STORE },
  );
}

const notFound = () => failureResponse({ ok: false, status: 404, error: "対象が見つかりません。" });

/** attachment with an ASCII fallback name and the Japanese name for browsers that read filename*. */
export function attachment(asciiName: string, japaneseName: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(japaneseName)}`;
}

function fileResponse(body: Readable | ReadableStream<Uint8Array>, contentType: string, disposition: string): Response {
  const stream = body instanceof Readable ? (Readable.toWeb(body) as ReadableStream<Uint8Array>) : body;
  return new Response(stream, { status: 200, headers: { "Content-Type": contentType, "Content-Disposition": disposition, ...NO_STORE } });
}

/** GET /api/admin/programs/[programId]/letters: one A4 page per household, streamed as one PDF. */
export async function respondWithGuideLetters(context: GuardContext, programId: string, householdCode?: string): Promise<Response> {
  const outcome = await runGuarded(context, exportGuideLetters, { programId, householdCode });
  if (!outcome.ok) return failureResponse(outcome);
  const { program, settings } = outcome.data;
  const one = outcome.data.householdCode;
  const pdf = renderGuideLetters(letterHouseholds(await getDb(), { programId: program.id, householdCode: one ?? undefined }), settings);
  const disposition = one
    ? attachment(`letter-${program.code}-${one.replace(/[^A-Za-z0-9_-]/g, "_")}.pdf`, `申請のご案内_${program.name}_${one}.pdf`)
    : attachment(`letters-${program.code}.pdf`, `申請のご案内_${program.name}.pdf`);
  return fileResponse(pdf, "application/pdf", disposition);
}

/** GET /api/admin/programs/[programId]/report.csv: the program report, UTF-8 with BOM for Excel. */
export const exportProgramReport = defineOperation({
  ...viewProgramReport,
  async run(args) {
    const outcome = await viewProgramReport.run(args);
    const audit: AuditDraft = { ...(outcome.audit as AuditDraft), action: "program.report_export" };
    return { result: outcome.result, audit };
  },
});

export async function respondWithReportCsv(context: GuardContext, programId: string, now = new Date()): Promise<Response> {
  const outcome = await runGuarded(context, exportProgramReport, { programId });
  if (!outcome.ok) return failureResponse(outcome);
  const text = UTF8_BOM + reportCsvRows(outcome.data).map((row) => csvLine(row)).join("");
  const day = jstToday(now).replaceAll("-", "");
  return new Response(text, {
    status: 200,
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": attachment(`program-report-${day}.csv`, `給付事業の集計_${day}.csv`), ...NO_STORE },
  });
}

/**
 * Passes the writer's chunks through, holding back the last one until `beforeEnd` has run: the client only
 * receives a complete file once the batch is recorded as exported, and a failed file is never marked.
 */
export async function* markWhenComplete(chunks: AsyncIterable<Uint8Array>, beforeEnd: () => Promise<void>): AsyncGenerator<Uint8Array> {
  let held: Uint8Array | null = null;
  for await (const chunk of chunks) {
    if (held) yield held;
    held = chunk;
  }
  await beforeEnd();
  if (held) yield held;
}

async function loadBatchForExport(context: GuardContext, programId: string, batchId: string) {
  const outcome = await runGuarded(context, exportBatchFile, { batchId });
  if (!outcome.ok) return { response: failureResponse(outcome) } as const;
  // A batch of another program is not addressable under this program's URL.
  if (outcome.data.batch.programId !== programId) return { response: notFound() } as const;
  return { data: outcome.data } as const;
}

/** GET …/batches/[batchId]/file: the vendor batch file, streamed; the batch becomes 出力済み once it is complete. */
export async function respondWithBatchFile(context: GuardContext, programId: string, batchId: string): Promise<Response> {
  const loaded = await loadBatchForExport(context, programId, batchId);
  if (!loaded.data) return loaded.response;
  const { batch, mapping } = loaded.data;
  const { stream } = writeBatchFile(batchExportRows(await getDb(), { batchId: batch.id }), {
    batchId: batch.batchNumber,
    mapping,
    expected: { count: batch.itemCount, totalPoints: batch.totalPoints },
  });
  const body = markWhenComplete(stream, async () => {
    if (batch.status === "completed") return; // a re-download for the records changes nothing
    const marked = await runGuarded(context, markBatchExported, { batchId: batch.id });
    if (!marked.ok) throw new Error(marked.error);
  });
  const type = mapping.encoding === "shift_jis" ? "text/csv; charset=Shift_JIS" : "text/csv; charset=utf-8";
  return fileResponse(Readable.from(body), type, attachment(`${batch.batchNumber}.csv`, `${batch.batchNumber}.csv`));
}

const SIMULATOR_FAILURE_RATES = [0, 0.1, 0.3] as const;

/**
 * GET …/batches/[batchId]/simulated-result (simulators only): the e-money simulator answers the exported
 * batch file with a result file, which staff then upload like the vendor's.
 */
export async function respondWithSimulatedResult(context: GuardContext, programId: string, batchId: string, failureRate: number): Promise<Response> {
  if (!getConfig().USE_SIMULATORS) return notFound();
  const loaded = await loadBatchForExport(context, programId, batchId);
  if (!loaded.data) return loaded.response;
  const { batch, mapping } = loaded.data;
  if (batch.status !== "exported") {
    return failureResponse({
      ok: false,
      status: 409,
      error: batch.status === "open" ? "先にバッチのファイルを出力してください。" : "このバッチの結果はすでに取り込まれています。",
    });
  }
  const rate = SIMULATOR_FAILURE_RATES.find((r) => r === failureRate) ?? 0;
  const { stream } = writeBatchFile(batchExportRows(await getDb(), { batchId: batch.id }), { batchId: batch.batchNumber, mapping });
  const result = simulateResultFile(stream, { mapping, failureRate: rate, seed: batch.batchNumber });
  return fileResponse(result, "text/csv", attachment(`${batch.batchNumber}.result.csv`, `${batch.batchNumber}.result.csv`));
}
