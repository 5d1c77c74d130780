import "server-only";
import { and, asc, eq, gte, inArray, isNotNull, lt, or } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db";
import { forms, formSubmissions } from "@/db/schema/forms";
import { payments } from "@/db/schema/payments";
import { csvLine, UTF8_BOM } from "@/lib/http/csv";
import { formatJstDateTime } from "@/lib/dates/jst";
import { defineOperation } from "@/lib/auth/operation";
import { encodeText, UnencodableCharacterError } from "@/lib/http/shift-jis";
import {
  jstDayBounds,
  RECONCILIATION_STATE_LABELS,
  reconciliationStateOf,
  reconciliationTotals,
  type ReconciliationState,
} from "@/lib/payments/reconciliation";
import { SUBMISSION_SUBJECT } from "./submissions";

const isoDay = z.iso.date({ error: "日付は YYYY-MM-DD の形で指定してください" });
export const reconciliationDaySchema = z.object({ departmentId: z.uuid({ error: "部署の指定が正しくありません" }), day: isoDay }).strict();
export const reconciliationExportSchema = reconciliationDaySchema.extend({
  encoding: z.enum(["shift_jis", "utf-8"], { error: "文字コードは Shift_JIS か UTF-8 を指定してください" }),
});

export type ReconciliationRow = {
  id: string;
  reference: string;
  createdAt: Date;
  paidAt: Date | null;
  method: "stripe" | "cash";
  amount: number;
  description: string;
  state: ReconciliationState;
  stateLabel: string;
  formId: string | null;
  formTitle: string;
  submissionReference: string | null;
  errorText: string | null;
  refundReason: string | null;
};

const OTHER_GROUP = "（電子申請以外）";

/** The department's payments created on a JST day, oldest first, each with its form (when it pays a submission). */
export async function getPaymentsOfDay(db: Executor, { departmentId, day }: { departmentId: string; day: string }): Promise<ReconciliationRow[]> {
  const { from, to } = jstDayBounds(day);
  const rows = await db
    .select({ payment: payments, formId: forms.id, formTitle: forms.title, submissionReference: formSubmissions.reference })
    .from(payments)
    .leftJoin(formSubmissions, and(eq(payments.subjectType, SUBMISSION_SUBJECT), eq(formSubmissions.id, payments.subjectId)))
    .leftJoin(forms, eq(forms.id, formSubmissions.formId))
    .where(and(eq(payments.departmentId, departmentId), gte(payments.createdAt, from), lt(payments.createdAt, to)))
    .orderBy(asc(payments.createdAt), asc(payments.id));
  return rows.map(({ payment, formId, formTitle, submissionReference }) => {
    const state = reconciliationStateOf(payment);
    return {
      id: payment.id,
      reference: payment.reference,
      createdAt: payment.createdAt,
      paidAt: payment.paidAt,
      method: payment.method,
      amount: payment.amount,
      description: payment.description,
      state,
      stateLabel: RECONCILIATION_STATE_LABELS[state],
      formId,
      formTitle: formTitle ?? OTHER_GROUP,
      submissionReference,
      errorText: payment.errorText,
      refundReason: payment.refundReason,
    };
  });
}

function summarize(rows: ReconciliationRow[]) {
  return reconciliationTotals(rows.map((row) => ({ state: row.state, amount: row.amount, groupKey: row.formId ?? "", groupLabel: row.formTitle })));
}

export type PaymentReconciliation = { day: string; departmentId: string; rows: ReconciliationRow[] } & ReturnType<typeof summarize>;

/** The day's payments of one department with totals per state and per form. Audited as a view of personal data. */
export const viewPaymentReconciliation = defineOperation({
  action: "payment.view",
  schema: reconciliationDaySchema,
  departments: (data) => [data.departmentId],
  async run({ data, tx }) {
    const rows = await getPaymentsOfDay(tx, data);
    const result: PaymentReconciliation = { ...data, rows, ...summarize(rows) };
    return { result, audit: { action: "payment.view", entity: "department", entityId: data.departmentId, departmentId: data.departmentId, after: { day: data.day, rows: rows.length } } };
  },
});

export const RECONCILIATION_CSV_COLUMNS = ["決済番号", "作成日時（日本時間）", "支払日時（日本時間）", "状態", "方法", "金額（円）", "様式", "申請番号", "内容", "エラー・返金理由"] as const;

/** The day as CSV text (CRLF, formula-like cells defused), then a totals block per state. */
export function reconciliationCsvText(data: PaymentReconciliation): string {
  const lines = [csvLine(RECONCILIATION_CSV_COLUMNS)];
  for (const row of data.rows) {
    lines.push(
      csvLine([
        row.reference,
        formatJstDateTime(row.createdAt),
        row.paidAt ? formatJstDateTime(row.paidAt) : "",
        row.stateLabel,
        row.method === "cash" ? "現金（窓口）" : "オンライン",
        row.amount,
        row.formTitle,
        row.submissionReference ?? "",
        row.description,
        row.refundReason ?? row.errorText ?? "",
      ]),
    );
  }
  for (const total of data.byState) lines.push(csvLine(["合計", data.day, total.label, "", "", total.amount, "", "", `${total.count}件`, ""]));
  return lines.join("");
}

export type ReconciliationFile = { ok: true; bytes: Buffer } | { ok: false; error: string };

/** The CSV bytes: Shift_JIS (CP932, through the grant files' encoder) or UTF-8 with a BOM for Excel. */
export function encodeReconciliationCsv(text: string, encoding: "shift_jis" | "utf-8"): ReconciliationFile {
  if (encoding === "utf-8") return { ok: true, bytes: Buffer.concat([Buffer.from(UTF8_BOM, "utf8"), encodeText(text, "utf-8")]) };
  try {
    return { ok: true, bytes: encodeText(text, "shift_jis") };
  } catch (error) {
    if (!(error instanceof UnencodableCharacterError)) throw error;
    return { ok: false, error: `「${error.character}」を Shift_JIS で表せないため出力できません。UTF-8（BOM付き）で出力してください。` };
  }
}

/** CSV export of the day (same data as the view), audited as an export. */
export const exportPaymentReconciliation = defineOperation({
  action: "payment.view",
  schema: reconciliationExportSchema,
  departments: (data) => [data.departmentId],
  async run({ data, tx }) {
    const rows = await getPaymentsOfDay(tx, data);
    const result: PaymentReconciliation & { encoding: "shift_jis" | "utf-8" } = { day: data.day, departmentId: data.departmentId, encoding: data.encoding, rows, ...summarize(rows) };
    return { result, audit: { action: "payment.export", entity: "department", entityId: data.departmentId, departmentId: data.departmentId, after: { day: data.day, rows: rows.length, encoding: data.encoding } } };
  },
});

/**
 * 「保留中を再確認」: names the department's open payments of the day (and its submitted refunds), audited; the
 * caller then asks the provider about them outside this transaction (lib/payments recheckPayments).
 */
export const claimPendingPaymentsOfDay = defineOperation({
  action: "payment.recheck",
  schema: reconciliationDaySchema,
  departments: (data) => [data.departmentId],
  async run({ data, tx }) {
    const { from, to } = jstDayBounds(data.day);
    const due = await tx
      .select({ id: payments.id })
      .from(payments)
      .where(
        and(
          eq(payments.departmentId, data.departmentId),
          gte(payments.createdAt, from),
          lt(payments.createdAt, to),
          or(inArray(payments.status, ["created", "started"]), and(eq(payments.refundStatus, "submitted"), isNotNull(payments.refundId))),
        ),
      )
      .orderBy(asc(payments.createdAt))
      .limit(500);
    const ids = due.map((row) => row.id);
    return { result: { ids }, audit: { action: "payment.recheck", entity: "department", entityId: data.departmentId, departmentId: data.departmentId, after: { day: data.day, pending: ids.length } } };
  },
});

