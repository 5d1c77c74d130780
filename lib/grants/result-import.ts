import "server-only";
import { z } from "zod";
import { safeText } from "@/lib/validation/text";
import type { Transaction } from "@/db";
import { GuardError, MESSAGES } from "@/lib/auth/guard";
import { getConfig } from "@/lib/config/env";
import { defineOperation } from "@/lib/auth/operation";
import { getProgramById } from "@/lib/programs/queries";
import { batchItemPoints, getBatchById } from "./batch-queries";
import { shiftJisExportProblem } from "./export-check";
import type { ColumnMapping } from "./export/format";
import { parseResultFile } from "./export/result";
import { applyBatchResult } from "./operations";

/** The vendor file's column mapping and encoding: GRANT_EXPORT_MAPPING, validated at start, or the default. */
export function vendorMapping(): ColumnMapping {
  return getConfig().GRANT_EXPORT_MAPPING;
}

async function departmentOfBatch(tx: Transaction, batchId: string): Promise<string[]> {
  const batch = await getBatchById(tx, { batchId });
  if (!batch) throw new GuardError(404, MESSAGES.notFound);
  return [(await getProgramById(tx, { programId: batch.programId }))!.departmentId];
}

export const RESULT_MAX_BYTES = 100 * 1024 * 1024;

export const importResultFileSchema = z.object({
  batchId: z.uuid({ error: "バッチが正しく指定されていません" }),
  fileName: safeText({ label: "ファイル名", min: 1, max: 200 }),
  bytes: z
    .instanceof(Uint8Array, { error: "結果ファイルを選んでください" })
    .refine((b) => b.byteLength > 0, { error: "ファイルが空です" })
    .refine((b) => b.byteLength <= RESULT_MAX_BYTES, { error: "ファイルが大きすぎます（100MBまで）" }),
});

/**
 * The vendor's result file → parsed and checked row by row against the batch (every problem with its line
 * number) → applyBatchResult with the file's totals. Any problem means nothing is applied.
 */
export const importBatchResultFile = defineOperation({
  action: "grant.batch",
  schema: importResultFileSchema,
  departments: (data, tx) => departmentOfBatch(tx, data.batchId),
  async run({ data, tx, actor }) {
    const batch = (await getBatchById(tx, { batchId: data.batchId }))!;
    const points = await batchItemPoints(tx, { batchId: batch.id });
    const parsed = await parseResultFile(data.bytes, vendorMapping(), {
      batchId: batch.batchNumber,
      count: batch.itemCount,
      totalPoints: batch.totalPoints,
      pointsOf: (id) => points.get(id),
    });
    if (!parsed.ok) {
      throw new GuardError(400, `結果ファイルに${parsed.errors.length}件の問題があります。何も取り込んでいません。`, {
        file: parsed.errors.map((e) => (e.line > 0 ? `${e.line}行目: ${e.message}` : e.message)),
      });
    }
    const rows = [
      ...parsed.granted.map((r) => ({ filingId: r.applicationId, outcome: "granted" as const, reason: null, line: r.line })),
      ...parsed.failed.map((r) => ({ filingId: r.applicationId, outcome: "failed" as const, reason: `${r.reasonCode} ${r.reason}`, line: r.line })),
    ];
    const input = applyBatchResult.schema.safeParse({
      batchId: batch.id,
      totals: { count: rows.length, points: [...parsed.granted, ...parsed.failed].reduce((sum, r) => sum + r.points, 0) },
      rows,
    });
    if (!input.success) throw new GuardError(400, "結果ファイルの申請IDが正しくありません。何も取り込んでいません。");
    const applied = await applyBatchResult.run({ data: input.data, tx, actor });
    return {
      result: {
        batch: applied.result.batch,
        granted: parsed.granted.length,
        failed: parsed.failed.length,
        returnedToQueue: applied.result.returnedToQueue,
        grantedPoints: parsed.grantedPoints,
      },
      audit: [
        ...(Array.isArray(applied.audit) ? applied.audit : [applied.audit]),
        {
          action: "grant.result_file",
          entity: "grant_batch",
          entityId: batch.id,
          departmentId: (await getProgramById(tx, { programId: batch.programId }))!.departmentId,
          after: { fileName: data.fileName, granted: parsed.granted.length, failed: parsed.failed.length },
        },
      ],
    };
  },
});

/**
 * Authorises and audits a vendor-file download (the file holds names and birth dates); the route then
 * streams the rows and marks the batch exported once the whole file is written.
 */
export const exportBatchFile = defineOperation({
  action: "grant.batch",
  schema: z.object({ batchId: z.uuid({ error: "バッチが正しく指定されていません" }) }),
  departments: (data, tx) => departmentOfBatch(tx, data.batchId),
  async run({ data, tx }) {
    const batch = (await getBatchById(tx, { batchId: data.batchId }))!;
    const program = (await getProgramById(tx, { programId: batch.programId }))!;
    const mapping = vendorMapping();
    // Refused before the route starts streaming: nothing is sent, audited or marked exported.
    const problem = await shiftJisExportProblem(tx, { batchId: batch.id, batchNumber: batch.batchNumber, mapping });
    if (problem) throw new GuardError(409, problem);
    return {
      result: { batch, program, mapping },
      audit: {
        action: "grant.batch_file_export",
        entity: "grant_batch",
        entityId: batch.id,
        departmentId: program.departmentId,
        after: { batchNumber: batch.batchNumber, rows: batch.itemCount, encoding: mapping.encoding },
      },
    };
  },
});
