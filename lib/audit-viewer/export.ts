import "server-only";
import { getDb } from "@/db";
import { runGuarded, type GuardContext } from "@/lib/auth/guard";
import { createAuditCsvStream } from "./csv";
import { jstToday } from "./format";
import { exportAuditLog } from "./operations";
import { getAuditExportChunk } from "./queries";
import { searchParamsToObject } from "./validations";

export const EXPORT_CHUNK_SIZE = 500;

/**
 * GET /api/admin/audit/export: the guard authorises and audits the export, then the CSV streams in chunks.
 * Failures answer JSON (401, 403, 400 with field errors).
 */
export async function respondWithAuditExport(
  context: GuardContext,
  searchParams: URLSearchParams,
  { chunkSize = EXPORT_CHUNK_SIZE }: { chunkSize?: number } = {},
): Promise<Response> {
  const outcome = await runGuarded(context, exportAuditLog, searchParamsToObject(searchParams));
  if (!outcome.ok) {
    return Response.json(
      { error: outcome.error, ...(outcome.fieldErrors ? { fieldErrors: outcome.fieldErrors } : {}) },
      { status: outcome.status, headers: { "Cache-Control": "no-store" } },
    );
  }
  const { params, upToId } = outcome.data;
  const db = await getDb();
  const body = createAuditCsvStream({
    chunkSize,
    fetchChunk: (cursor, limit) => getAuditExportChunk(db, { filters: params, dir: params.dir, upToId, cursor, limit }),
  });
  const day = jstToday().replaceAll("-", "");
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-log-${day}.csv"; filename*=UTF-8''${encodeURIComponent(`監査ログ_${day}.csv`)}`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
