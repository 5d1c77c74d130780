/**
 * Streams a grant batch file: rows in (any async iterable, e.g. a database cursor), bytes out, trailer with the
 * control totals computed on the way. Readable.from pulls only as fast as the consumer reads, so memory stays flat.
 */
import { Readable } from "node:stream";
import {
  type ColumnMapping,
  type GrantRow,
  TRAILER_LABEL,
  UnencodableCharacterError,
  bomFor,
  csvLine,
  encodeText,
  formatField,
} from "./format";

export interface BatchFileOptions {
  batchId: string;
  mapping: ColumnMapping;
  /** The batch's recorded control totals; the file fails instead of ending if its rows disagree. */
  expected?: { count: number; totalPoints: number };
}

export interface BatchTotals {
  count: number;
  totalPoints: number;
}

const ROWS_PER_CHUNK = 512; // amortises encoding overhead without holding much

export class BatchFileError extends Error {}

function checkRow(row: GrantRow, rowNumber: number) {
  if (!Number.isSafeInteger(row.points) || row.points <= 0) {
    throw new BatchFileError(`${rowNumber}件目（申請ID ${row.applicationId}）: 付与ポイントが正の整数ではありません（${row.points}）`);
  }
  if (!row.applicationId) throw new BatchFileError(`${rowNumber}件目: 申請IDが空です`);
}

/**
 * The batch file as a byte stream. `totals` resolves with the control totals once the trailer is written
 * (and rejects with the stream's error).
 */
export function writeBatchFile(
  rows: Iterable<GrantRow> | AsyncIterable<GrantRow>,
  options: BatchFileOptions,
): { stream: Readable; totals: Promise<BatchTotals> } {
  const { mapping, batchId } = options;
  let settle!: { resolve: (totals: BatchTotals) => void; reject: (error: Error) => void };
  const totals = new Promise<BatchTotals>((resolve, reject) => (settle = { resolve, reject }));
  totals.catch(() => undefined); // callers that only read the stream see the error there

  async function* generate(): AsyncGenerator<Buffer> {
    const bom = bomFor(mapping);
    if (bom.length > 0) yield bom;
    yield encodeText(csvLine(mapping.columns.map((column) => column.label)), mapping.encoding);
    let count = 0;
    let totalPoints = 0;
    let pending = "";
    let pendingRows = 0;
    for await (const row of rows) {
      count++;
      checkRow(row, count);
      totalPoints += row.points;
      pending += csvLine(mapping.columns.map((column) => formatField(row, column)));
      if (++pendingRows === ROWS_PER_CHUNK) {
        yield encodeChunk(pending, count - pendingRows + 1);
        pending = "";
        pendingRows = 0;
      }
    }
    if (pending) yield encodeChunk(pending, count - pendingRows + 1);
    if (count === 0) throw new BatchFileError("バッチに申請が1件もありません");
    const expected = options.expected;
    if (expected && (expected.count !== count || expected.totalPoints !== totalPoints)) {
      throw new BatchFileError(
        `バッチの件数・ポイント合計が記録と一致しません（記録: ${expected.count}件 ${expected.totalPoints}ポイント、` +
          `ファイル: ${count}件 ${totalPoints}ポイント）`,
      );
    }
    yield encodeText(csvLine([TRAILER_LABEL, batchId, String(count), String(totalPoints)]), mapping.encoding);
    settle.resolve({ count, totalPoints });
  }

  function encodeChunk(text: string, firstRow: number): Buffer {
    try {
      return encodeText(text, mapping.encoding);
    } catch (error) {
      if (!(error instanceof UnencodableCharacterError)) throw error;
      const offset = text.split("\r\n").findIndex((line) => line.includes(error.character));
      throw new BatchFileError(`${firstRow + offset}件目: ${error.message}`);
    }
  }

  async function* guarded(): AsyncGenerator<Buffer> {
    try {
      yield* generate();
    } catch (error) {
      settle.reject(error as Error);
      throw error;
    }
  }

  return { stream: Readable.from(guarded(), { objectMode: false }), totals };
}
