/**
 * The e-money vendor's file format (でんすけペイ-like), shared by our writer/parser and the simulator.
 *
 * Batch file (we → vendor), CSV with CRLF, UTF-8 (BOM by default, for Excel) or Shift_JIS (CP932):
 *   line 1        header: the mapping's labels, in the mapping's order
 *   lines 2..N+1  one row per grant, columns from the mapping
 *   last line     trailer: 合計,<batchId>,<row count>,<total points>
 *
 * Result file (vendor → us), same encoding and line endings:
 *   line 1        header: the batch's labels + 結果 + 理由コード
 *   rows          the batch row echoed + 付与 | 失敗 + a reason code (empty when 付与)
 *   last line     trailer: 合計,<batchId>,<row count>,<total points>,<granted count>,<granted points>
 */
import iconv from "iconv-lite";
import { formatWareki } from "@/lib/dates/wareki";
import { type CsvRecord, readCsvRecords } from "@/lib/roster/csv";
import { encodeText, UnencodableCharacterError } from "@/lib/http/shift-jis";

export { encodeText, UnencodableCharacterError };

export {
  DATE_FORMATS,
  DEFAULT_MAPPING,
  FAILED,
  GRANT_FIELDS,
  GRANTED,
  parseColumnMapping,
  REASON_LABEL,
  RESULT_LABEL,
  TRAILER_LABEL,
  type ColumnMapping,
  type ColumnMappingInput,
  type FileEncoding,
  type GrantField,
  type GrantRow,
} from "./mapping";
import { type ColumnMapping, type FileEncoding, type GrantRow, TRAILER_LABEL } from "./mapping";

/** Reason codes the vendor returns for a failed row, with the text staff and residents see. */
export const REASON_CODES: Readonly<Record<string, string>> = {
  E01: "電子マネーのアカウントが見つかりません",
  E02: "電子マネーのアカウントが停止されています",
  E03: "ポイントの保有上限を超えます",
  E04: "氏名または生年月日がアカウントの登録内容と一致しません",
  E99: "電子マネー事業者側のその他のエラーです",
};

export function reasonText(code: string): string {
  return REASON_CODES[code] ?? `不明な理由コードです（${code}）`;
}


export function formatField(row: GrantRow, column: ColumnMapping["columns"][number]): string {
  const value = row[column.field];
  if (column.field !== "birthDate") return String(value);
  const iso = String(value);
  switch (column.dateFormat ?? "iso") {
    case "yyyymmdd":
      return iso.replace(/-/gu, "");
    case "slash":
      return iso.replace(/-/gu, "/");
    case "wareki":
      return formatWareki(iso);
    default:
      return iso;
  }
}

/** One CSV line with CRLF; quotes only where needed. */
export function csvLine(fields: readonly string[]): string {
  return `${fields.map((field) => (/[",\r\n]|^\s|\s$/u.test(field) ? `"${field.replace(/"/gu, '""')}"` : field)).join(",")}\r\n`;
}

export const bomFor = (mapping: ColumnMapping): Buffer =>
  mapping.encoding === "utf-8" && mapping.bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0);

/** Decoded text chunks of a file in `encoding` (BOM dropped), from bytes or a byte stream. */
export async function* decodeChunks(
  input: Uint8Array | AsyncIterable<Uint8Array>,
  encoding: FileEncoding,
): AsyncGenerator<string> {
  const decoder = iconv.getDecoder(encoding === "utf-8" ? "utf8" : "cp932");
  const chunks = input instanceof Uint8Array ? [input] : input;
  for await (const chunk of chunks) {
    const text = decoder.write(Buffer.from(chunk));
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

export type FileRecord =
  | { kind: "header"; line: number; fields: string[] }
  | { kind: "row"; line: number; fields: string[] }
  | { kind: "trailer"; line: number; fields: string[] };

/**
 * Header, rows and trailer of a batch or result file. A 合計 record is the trailer only when it is the last
 * record (one-record lookahead), so a row can never be mistaken for it; a file whose last record is not a
 * 合計 record simply has no trailer.
 */
export async function* readFileRecords(
  input: Uint8Array | AsyncIterable<Uint8Array>,
  encoding: FileEncoding,
): AsyncGenerator<FileRecord> {
  let previous: CsvRecord | null = null;
  let first = true;
  for await (const record of readCsvRecords(decodeChunks(input, encoding))) {
    if (first) {
      yield { kind: "header", ...record };
      first = false;
      continue;
    }
    if (previous) yield { kind: "row", ...previous };
    previous = record;
  }
  if (previous) yield { kind: previous.fields[0] === TRAILER_LABEL ? "trailer" : "row", ...previous };
}
