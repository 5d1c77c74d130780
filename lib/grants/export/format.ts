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
import { z } from "zod";
import { formatWareki } from "@/lib/dates/wareki";
import { KANJI_VARIANTS } from "@/lib/matching/variants";
import { type CsvRecord, readCsvRecords } from "@/lib/roster/csv";

export interface GrantRow {
  applicationId: string;
  receiptNumber: string;
  householdCode: string;
  representativeName: string;
  representativeKana: string;
  /** YYYY-MM-DD */
  birthDate: string;
  points: number;
}

export const GRANT_FIELDS = [
  "applicationId",
  "receiptNumber",
  "householdCode",
  "representativeName",
  "representativeKana",
  "birthDate",
  "points",
] as const satisfies readonly (keyof GrantRow)[];
export type GrantField = (typeof GRANT_FIELDS)[number];

export const DATE_FORMATS = ["iso", "yyyymmdd", "slash", "wareki"] as const;
export type FileEncoding = "utf-8" | "shift_jis";

export const TRAILER_LABEL = "合計";
export const RESULT_LABEL = "結果";
export const REASON_LABEL = "理由コード";
export const GRANTED = "付与";
export const FAILED = "失敗";

/** Reason codes the vendor returns for a failed row, with the text staff and residents see. */
export const REASON_CODES: Readonly<Record<string, string>> = {
  E01: "でんすけペイのアカウントが見つかりません",
  E02: "でんすけペイのアカウントが停止されています",
  E03: "ポイントの保有上限を超えます",
  E04: "氏名または生年月日がアカウントの登録内容と一致しません",
  E99: "でんすけペイ側のその他のエラーです",
};

export function reasonText(code: string): string {
  return REASON_CODES[code] ?? `不明な理由コードです（${code}）`;
}

const mappingSchema = z
  .object({
    columns: z
      .array(
        z.object({
          field: z.enum(GRANT_FIELDS, { error: "列の項目名が正しくありません" }),
          label: z.string().trim().min(1, { error: "列の見出しが空です" }),
          dateFormat: z.enum(DATE_FORMATS).optional(),
        }),
      )
      .min(1, { error: "列が1つもありません" }),
    encoding: z.enum(["utf-8", "shift_jis"], { error: "文字コードは utf-8 か shift_jis を指定してください" }),
    /** UTF-8 only: write a BOM so Excel opens the file as UTF-8. */
    bom: z.boolean().default(true),
  })
  .superRefine((mapping, ctx) => {
    const labels = mapping.columns.map((column) => column.label);
    for (const required of ["applicationId", "points"] as const) {
      if (!mapping.columns.some((column) => column.field === required)) {
        ctx.addIssue({ code: "custom", message: `列の設定に ${required} がありません（結果ファイルの照合に必要です）` });
      }
    }
    const duplicate = labels.find((label, i) => labels.indexOf(label) !== i);
    if (duplicate) ctx.addIssue({ code: "custom", message: `列の見出し「${duplicate}」が重複しています` });
    if (labels.includes(TRAILER_LABEL) || labels.includes(RESULT_LABEL) || labels.includes(REASON_LABEL)) {
      ctx.addIssue({ code: "custom", message: `列の見出しに「${TRAILER_LABEL}」「${RESULT_LABEL}」「${REASON_LABEL}」は使えません` });
    }
  });

export type ColumnMapping = z.output<typeof mappingSchema>;
export type ColumnMappingInput = z.input<typeof mappingSchema>;

/** Validates a mapping from configuration; throws with every problem in Japanese. */
export function parseColumnMapping(input: unknown): ColumnMapping {
  const parsed = mappingSchema.safeParse(input);
  if (!parsed.success) throw new Error(`列の設定が正しくありません: ${parsed.error.issues.map((issue) => issue.message).join("、")}`);
  return parsed.data;
}

export const DEFAULT_MAPPING: ColumnMapping = parseColumnMapping({
  columns: [
    { field: "receiptNumber", label: "受付番号" },
    { field: "applicationId", label: "申請ID" },
    { field: "householdCode", label: "世帯番号" },
    { field: "representativeName", label: "代表者氏名" },
    { field: "representativeKana", label: "代表者氏名カナ" },
    { field: "birthDate", label: "生年月日", dateFormat: "yyyymmdd" },
    { field: "points", label: "付与ポイント" },
  ],
  encoding: "shift_jis",
});

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

/**
 * Text → bytes in the file's encoding. Shift_JIS cannot hold every name: characters outside CP932 are folded
 * through the variant table (𠮷 → 吉); anything still unrepresentable throws with the character.
 */
export function encodeText(text: string, encoding: FileEncoding): Buffer {
  if (encoding === "utf-8") return Buffer.from(text, "utf8");
  const bytes = iconv.encode(text, "cp932");
  // iconv-lite writes "?" (0x3F) for unmappable characters, and 0x3F is never a Shift_JIS trail byte.
  if (countQuestionMarks(bytes) === text.split("?").length - 1) return bytes;
  const representable = (ch: string) => iconv.decode(iconv.encode(ch, "cp932"), "cp932") === ch;
  let folded = "";
  for (const ch of text) {
    const candidate = representable(ch) ? ch : KANJI_VARIANTS[ch];
    if (candidate === undefined || !representable(candidate)) throw new UnencodableCharacterError(ch);
    folded += candidate;
  }
  return iconv.encode(folded, "cp932");
}

function countQuestionMarks(bytes: Uint8Array): number {
  let count = 0;
  for (let i = bytes.indexOf(0x3f); i >= 0; i = bytes.indexOf(0x3f, i + 1)) count++;
  return count;
}

export class UnencodableCharacterError extends Error {
  constructor(readonly character: string) {
    super(`「${character}」は Shift_JIS で表せません`);
  }
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
