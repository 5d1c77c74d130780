import { ACTOR_TYPE_LABELS, formatJstDateTime, formatWarekiDateTime } from "./format";
import { actionLabel } from "./labels";
import type { AuditDetail } from "./queries";
import { csvField, csvLine, UTF8_BOM } from "@/lib/http/csv";

export { csvField, csvLine, UTF8_BOM };

export const AUDIT_CSV_COLUMNS = [
  "番号",
  "日時（日本時間）",
  "日時（和暦）",
  "操作者の種類",
  "操作者ID",
  "操作者",
  "操作",
  "操作名",
  "対象の種類",
  "対象ID",
  "部署ID",
  "部署",
  "リクエストID",
  "変更前",
  "変更後",
] as const;

export { actionLabel };

function json(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

export function auditCsvLine(entry: AuditDetail): string {
  return csvLine([
    entry.id,
    formatJstDateTime(entry.at),
    formatWarekiDateTime(entry.at),
    ACTOR_TYPE_LABELS[entry.actorType] ?? entry.actorType,
    entry.actorId,
    entry.actorLabel,
    entry.action,
    actionLabel(entry.action),
    entry.entity,
    entry.entityId,
    entry.departmentId,
    entry.departmentName,
    entry.requestId,
    json(entry.before),
    json(entry.after),
  ]);
}

/**
 * Streams the CSV: the BOM and header first, then one chunk of entries per pull, so memory stays flat and the
 * download starts at once however many entries match. The consumer's pace drives the queries (back-pressure).
 */
export function createAuditCsvStream({
  fetchChunk,
  chunkSize,
}: {
  fetchChunk: (cursor: number | null, limit: number) => Promise<AuditDetail[]>;
  chunkSize: number;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: number | null = null;
  let headerSent = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(UTF8_BOM + csvLine(AUDIT_CSV_COLUMNS)));
          return;
        }
        let rows: AuditDetail[];
        try {
          rows = await fetchChunk(cursor, chunkSize);
        } catch (error) {
          // The download is cut short (the browser reports a failed download); say why in the server log.
          console.error("[audit export] stopped after entry", cursor, error);
          throw error;
        }
        if (rows.length > 0) {
          controller.enqueue(encoder.encode(rows.map(auditCsvLine).join("")));
          cursor = rows[rows.length - 1]!.id;
        }
        if (rows.length < chunkSize) controller.close();
      },
    },
    { highWaterMark: 1 },
  );
}
