import { csvLine, UTF8_BOM } from "@/lib/http/csv";
import { encodeText } from "@/lib/http/shift-jis";
import { formatJstDateTime } from "@/lib/dates/jst";
import type { SubmissionQueueRow } from "./review-queries";
import { PAYMENT_STATE_LABELS, SUBMISSION_STATUS_LABELS } from "./review-validations";

export const SUBMISSION_CSV_COLUMNS = ["受付番号", "様式", "申請者", "状態", "方法", "手数料（円）", "納付", "申請日時（日本時間）", "交付・発送", "交付・発送日"] as const;

const COMPLETION = { issued: "交付済み", mailed: "発送済み" } as const;

/**
 * The filtered submissions as a CSV file: UTF-8 with a BOM (Excel opens it as UTF-8) or Shift_JIS (CP932, with
 * characters outside it folded through the shared variant table, e.g. 𠮷 → 吉), using the audit log's CSV lines.
 */
export function submissionCsv(rows: readonly SubmissionQueueRow[], encoding: "utf-8" | "shift_jis"): Buffer {
  const text =
    csvLine(SUBMISSION_CSV_COLUMNS) +
    rows
      .map((r) =>
        csvLine([
          r.reference,
          r.formTitle,
          r.applicantName,
          SUBMISSION_STATUS_LABELS[r.status],
          r.channel === "counter" ? "窓口" : "LINE",
          r.feeAmount,
          PAYMENT_STATE_LABELS[r.paymentState],
          r.submittedAt ? formatJstDateTime(r.submittedAt) : null,
          r.completion ? COMPLETION[r.completion] : null,
          r.completedOn,
        ]),
      )
      .join("");
  return encoding === "utf-8" ? Buffer.concat([Buffer.from(UTF8_BOM, "utf8"), encodeText(text, "utf-8")]) : encodeText(text, "shift_jis");
}
