/**
 * The vendor's result file: writer (used by the simulator) and parser (used when importing). The parser checks
 * every row and every control total against the batch and returns either the full outcome or every error with
 * its line number — never a partial result, so nothing is applied from a file with any problem.
 */
import {
  type ColumnMapping,
  FAILED,
  GRANTED,
  REASON_LABEL,
  RESULT_LABEL,
  TRAILER_LABEL,
  bomFor,
  csvLine,
  encodeText,
  readFileRecords,
  reasonText,
} from "./format";

export interface ResultExpectation {
  batchId: string;
  count: number;
  totalPoints: number;
  /** Points the batch holds for an application; undefined = not in this batch. */
  pointsOf: (applicationId: string) => number | undefined;
}

export interface GrantedRow {
  line: number;
  applicationId: string;
  points: number;
}

export interface FailedRow extends GrantedRow {
  reasonCode: string;
  reason: string;
}

export interface ResultError {
  line: number;
  message: string;
}

export type ResultParse =
  | { ok: true; batchId: string; granted: GrantedRow[]; failed: FailedRow[]; grantedPoints: number }
  | { ok: false; errors: ResultError[] };

const MAX_REPORTED_ERRORS = 200;

/** Result header for a batch header: the batch's labels, then 結果 and 理由コード. */
export function resultHeader(batchHeader: readonly string[]): string[] {
  return [...batchHeader, RESULT_LABEL, REASON_LABEL];
}

export function resultTrailer(batchId: string, totals: { count: number; totalPoints: number; granted: number; grantedPoints: number }) {
  return [TRAILER_LABEL, batchId, totals.count, totals.totalPoints, totals.granted, totals.grantedPoints].map(String);
}

/** Encodes result lines in the mapping's encoding (BOM first for UTF-8 when configured). */
export function encodeResultLines(lines: readonly (readonly string[])[], mapping: ColumnMapping, withBom: boolean): Buffer {
  const text = lines.map((fields) => csvLine(fields)).join("");
  return Buffer.concat([withBom ? bomFor(mapping) : Buffer.alloc(0), encodeText(text, mapping.encoding)]);
}

const isCount = (text: string | undefined) => text !== undefined && /^\d{1,15}$/u.test(text);

export async function parseResultFile(
  input: Uint8Array | AsyncIterable<Uint8Array>,
  mapping: ColumnMapping,
  expected: ResultExpectation,
): Promise<ResultParse> {
  const errors: ResultError[] = [];
  let suppressed = 0;
  const report = (line: number, message: string) => {
    if (errors.length < MAX_REPORTED_ERRORS) errors.push({ line, message });
    else suppressed++;
  };
  const idLabel = mapping.columns.find((column) => column.field === "applicationId")!.label;
  const pointsLabel = mapping.columns.find((column) => column.field === "points")!.label;

  let columns: { id: number; points: number; result: number; reason: number; width: number } | null = null;
  let trailer: { line: number; fields: string[] } | null = null;
  let lastLine = 0;
  const granted: GrantedRow[] = [];
  const failed: FailedRow[] = [];
  const seen = new Set<string>();
  let rowCount = 0;
  let rowPoints = 0;
  let grantedPoints = 0;

  try {
    for await (const record of readFileRecords(input, mapping.encoding)) {
      lastLine = record.line;
      if (record.kind === "header") {
        const find = (label: string) => record.fields.findIndex((field) => field.trim() === label);
        const found = { id: find(idLabel), points: find(pointsLabel), result: find(RESULT_LABEL), reason: find(REASON_LABEL) };
        const missing = [idLabel, pointsLabel, RESULT_LABEL, REASON_LABEL].filter((_, i) => Object.values(found)[i]! < 0);
        if (missing.length > 0) {
          return { ok: false, errors: [{ line: 1, message: `見出し行に「${missing.join("」「")}」の列がありません` }] };
        }
        columns = { ...found, width: record.fields.length };
        continue;
      }
      if (record.kind === "trailer") {
        trailer = record;
        continue;
      }
      const c = columns!;
      const { line, fields } = record;
      rowCount++;
      if (fields.length !== c.width) {
        report(line, `列の数が見出し行（${c.width}列）と違います（${fields.length}列）`);
        continue;
      }
      const applicationId = fields[c.id]!.trim();
      const pointsText = fields[c.points]!.trim();
      const result = fields[c.result]!.trim();
      const reasonCode = fields[c.reason]!.trim();
      if (!applicationId) {
        report(line, `${idLabel}が空です`);
        continue;
      }
      if (seen.has(applicationId)) {
        report(line, `${idLabel} ${applicationId} が2回出てきます`);
        continue;
      }
      seen.add(applicationId);
      if (!isCount(pointsText)) {
        report(line, `${pointsLabel}「${pointsText}」が数字ではありません`);
        continue;
      }
      const points = Number(pointsText);
      rowPoints += points;
      const batchPoints = expected.pointsOf(applicationId);
      if (batchPoints === undefined) {
        report(line, `${idLabel} ${applicationId} はこのバッチにありません`);
        continue;
      }
      if (batchPoints !== points) {
        report(line, `${idLabel} ${applicationId} の${pointsLabel}がバッチと違います（バッチ: ${batchPoints}、結果: ${points}）`);
        continue;
      }
      if (result === GRANTED) {
        if (reasonCode) report(line, `付与の行に理由コード「${reasonCode}」があります`);
        else {
          granted.push({ line, applicationId, points });
          grantedPoints += points;
        }
      } else if (result === FAILED) {
        if (!/^[A-Z0-9]{2,8}$/u.test(reasonCode)) report(line, `失敗の行の理由コード「${reasonCode}」が正しくありません`);
        else failed.push({ line, applicationId, points, reasonCode, reason: reasonText(reasonCode) });
      } else {
        report(line, `${RESULT_LABEL}「${result}」は「${GRANTED}」か「${FAILED}」のどちらかにしてください`);
      }
    }
  } catch (error) {
    const line = (error as { line?: number }).line ?? lastLine;
    return { ok: false, errors: [{ line, message: `結果ファイルを読めません: ${(error as Error).message}` }] };
  }

  if (!columns) return { ok: false, errors: [{ line: 0, message: "結果ファイルが空です" }] };
  checkTrailer(trailer, lastLine, expected, { rowCount, rowPoints, granted: granted.length, grantedPoints }, report);
  if (errors.length > 0) {
    if (suppressed > 0) errors.push({ line: lastLine, message: `ほかに${suppressed}件のエラーがあります` });
    return { ok: false, errors };
  }
  return { ok: true, batchId: expected.batchId, granted, failed, grantedPoints };
}

function checkTrailer(
  trailer: { line: number; fields: string[] } | null,
  lastLine: number,
  expected: ResultExpectation,
  actual: { rowCount: number; rowPoints: number; granted: number; grantedPoints: number },
  report: (line: number, message: string) => void,
) {
  if (!trailer) {
    report(lastLine, `最終行に「${TRAILER_LABEL}」の行がありません（ファイルが途中で切れている可能性があります）`);
  } else {
    const [, batchId, count, points, grantedCount, grantedPoints] = trailer.fields.map((field) => field.trim());
    if (![count, points, grantedCount, grantedPoints].every(isCount)) {
      report(trailer.line, `「${TRAILER_LABEL}」の行の形式が正しくありません（合計,バッチID,件数,ポイント合計,付与件数,付与ポイント合計）`);
    } else {
      if (batchId !== expected.batchId) {
        report(trailer.line, `別のバッチの結果ファイルです（ファイルのバッチID: ${batchId}、取り込み先: ${expected.batchId}）`);
      }
      if (Number(count) !== actual.rowCount || Number(points) !== actual.rowPoints) {
        report(trailer.line, `「${TRAILER_LABEL}」の行（${count}件 ${points}ポイント）がファイルの行（${actual.rowCount}件 ${actual.rowPoints}ポイント）と一致しません`);
      }
      if (Number(grantedCount) !== actual.granted || Number(grantedPoints) !== actual.grantedPoints) {
        report(trailer.line, `「${TRAILER_LABEL}」の行の付与件数・付与ポイント（${grantedCount}件 ${grantedPoints}ポイント）が付与の行（${actual.granted}件 ${actual.grantedPoints}ポイント）と一致しません`);
      }
    }
  }
  if (actual.rowCount !== expected.count || actual.rowPoints !== expected.totalPoints) {
    report(
      trailer?.line ?? lastLine,
      `結果ファイルの件数・ポイント合計がバッチと一致しません（バッチ: ${expected.count}件 ${expected.totalPoints}ポイント、` +
        `結果: ${actual.rowCount}件 ${actual.rowPoints}ポイント）`,
    );
  }
}
