/**
 * The vendor file's column mapping: which grant fields go in which column, under which heading, in which
 * encoding. Kept free of heavy imports because the configuration (GRANT_EXPORT_MAPPING) validates it at start.
 */
import { z } from "zod";
import { safeText } from "../../validation/text";

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

const mappingSchema = z
  .object({
    columns: z
      .array(
        z.object({
          field: z.enum(GRANT_FIELDS, { error: "列の項目名が正しくありません" }),
          label: safeText({ label: "列の見出し", max: 100 }).min(1, { error: "列の見出しが空です" }),
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
