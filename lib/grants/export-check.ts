import "server-only";
import type { Executor } from "@/db";
import { findShiftJisUnencodableRows, TEXT_EXPORT_FIELDS, type TextExportField } from "./batch-queries";
import type { ColumnMapping } from "./export/format";
import { firstUnencodable } from "@/lib/http/shift-jis";

const FIELD_LABELS: Record<TextExportField, string> = {
  receiptNumber: "受付番号",
  householdCode: "世帯番号",
  representativeName: "氏名",
  representativeKana: "氏名カナ",
};

const SHOWN = 3;

/**
 * Why a Shift_JIS batch file could not be written, or null when it can: checked before the first byte is sent,
 * because an encoding error in the middle of a streamed download reaches staff as a broken file with no message.
 */
export async function shiftJisExportProblem(
  db: Executor,
  { batchId, batchNumber, mapping }: { batchId: string; batchNumber: string; mapping: ColumnMapping },
): Promise<string | null> {
  if (mapping.encoding !== "shift_jis") return null;
  for (const column of mapping.columns) {
    const ch = firstUnencodable(column.label);
    if (ch) return `列の見出し「${column.label}」の「${ch}」は Shift_JIS で出力できません。列の設定（GRANT_EXPORT_MAPPING）を直してください。`;
  }
  const numberChar = firstUnencodable(batchNumber);
  if (numberChar) return `バッチ番号 ${batchNumber} の「${numberChar}」は Shift_JIS で出力できません。`;

  const fields = TEXT_EXPORT_FIELDS.filter((field) => mapping.columns.some((column) => column.field === field));
  const { total, rows } = await findShiftJisUnencodableRows(db, { batchId, fields, limit: SHOWN });
  if (total === 0) return null;
  const named = rows.map((row) => {
    for (const field of fields) {
      const ch = firstUnencodable(row[field]);
      if (ch) return `受付番号 ${row.receiptNumber} の${FIELD_LABELS[field]}の「${ch}」`;
    }
    return `受付番号 ${row.receiptNumber}`;
  });
  const more = total > rows.length ? `（ほかに${(total - rows.length).toLocaleString("ja-JP")}件あります）` : "";
  return (
    `${named.join("、")}は Shift_JIS で出力できません${more}。` +
    "名簿の表記を Shift_JIS で表せる字に直してから、もう一度出力してください。ファイルは作らず、バッチも出力済みにしていません。"
  );
}
