import { z } from "zod";
import { SUBMISSION_STATUSES } from "@/db/schema/forms";
import { isIsoDate } from "@/lib/dates/wareki";
import { reviewDecisionSchema } from "@/lib/review/decisions";
import { queueListFields } from "@/lib/review/keyset";

/** Schemas of the staff review of form submissions: the same ones validate the screens and the operations. */

const submissionId = z.uuid({ error: "申請が正しく指定されていません。画面を更新してください" });
const completionDate = z.string({ error: "日付を入力してください" }).refine(isIsoDate, { error: "日付は YYYY-MM-DD の形で入力してください" });

export const SUBMISSION_STATUS_LABELS: Record<(typeof SUBMISSION_STATUSES)[number], string> = {
  awaiting_payment: "納付待ち",
  submitted: "審査待ち",
  returned: "差し戻し中",
  approved: "承認済み",
  rejected: "却下済み",
  withdrawn: "取下げ済み",
  completed: "処理完了",
};

/** The payment side of a submission, as the queue filters it. */
export const PAYMENT_STATES = ["no_fee", "fee_pending", "unpaid", "paid", "refunded"] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];
export const PAYMENT_STATE_LABELS: Record<PaymentState, string> = {
  no_fee: "手数料なし",
  fee_pending: "手数料の確定待ち",
  unpaid: "未納",
  paid: "納付済み",
  refunded: "返金済み",
};

/** approve / reject with a reason / return for correction with a reason. */
export const submissionDecisionSchema = reviewDecisionSchema("submissionId", "申請が正しく指定されていません。画面を更新してください");

/** 事後決済: 0 means nothing is owed; anything else is at least the provider's minimum of 50 yen. */
export const fixFeeSchema = z.object({
  submissionId,
  amount: z.coerce
    .number({ error: "金額を数字で入力してください" })
    .int({ error: "金額は円単位の整数で入力してください" })
    .min(0, { error: "金額は0円以上にしてください" })
    .max(1_000_000, { error: "金額は100万円以下にしてください" })
    .refine((amount) => amount <= 0 || amount >= 50, { error: "手数料があるときは50円以上にしてください（決済の下限）" }),
});

export const completeSubmissionSchema = z.object({
  submissionId,
  how: z.enum(["issued", "mailed"], { error: "交付か発送かを選んでください" }),
  date: completionDate,
});

const selectedIds = z
  .array(submissionId, { error: "申請を選んでください" })
  .min(1, { error: "申請を選んでください" })
  .max(200, { error: "一度に処理できるのは200件までです" });

export const bulkApproveSubmissionsSchema = z.object({ submissionIds: selectedIds });
export const bulkMailSubmissionsSchema = z.object({ submissionIds: selectedIds, date: completionDate });

/** Queue filters come from the URL: anything malformed falls back to the default, a bad search term is refused. */
export const submissionQueueSchema = z.object({
  departmentId: z.uuid().optional().catch(undefined),
  formId: z.uuid().optional().catch(undefined),
  status: z.enum(SUBMISSION_STATUSES).optional().catch(undefined),
  payment: z.enum(PAYMENT_STATES).optional().catch(undefined),
  from: z.coerce.date().optional().catch(undefined),
  to: z.coerce.date().optional().catch(undefined),
  ...queueListFields,
});
export type SubmissionQueueParams = z.infer<typeof submissionQueueSchema>;

export const submissionExportSchema = submissionQueueSchema.omit({ cursor: true, limit: true }).extend({
  encoding: z.enum(["utf-8", "shift_jis"]).default("utf-8").catch("utf-8"),
});

export const submissionViewSchema = z.object({ submissionId });

/** The queue's filter names in the URL, carried into the detail page, the CSV link and back. */
export const SUBMISSION_FILTER_NAMES = ["department", "form", "status", "payment", "from", "to", "q", "dir"] as const;
/** The queue opens on what needs a reviewer: 審査待ち; 「すべて」 is written out as this value. */
export const ALL = "all";

/** URL search params → the queue operation's input; date-only from/to cover whole days in Japan time. */
export function submissionQueueInput(params: Record<string, string | string[] | undefined> | URLSearchParams) {
  const one = (name: string) => {
    const value = params instanceof URLSearchParams ? (params.get(name) ?? undefined) : params[name];
    const first = Array.isArray(value) ? value[0] : value;
    return first === undefined || first === "" ? undefined : first;
  };
  const day = (value: string | undefined, time: string) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T${time}+09:00` : value);
  const status = one("status") ?? "submitted";
  return {
    departmentId: one("department"),
    formId: one("form"),
    status: status === ALL ? undefined : status,
    payment: one("payment"),
    from: day(one("from"), "00:00:00"),
    to: day(one("to"), "23:59:59.999"),
    q: one("q"),
    dir: one("dir"),
    cursor: one("cursor"),
    limit: one("pageSize"),
  };
}

/** The queue's filters as a query string (without position or page size); the default 審査待ち is written out. */
export function submissionFilterQuery(params: Record<string, string | string[] | undefined>): string {
  const query = new URLSearchParams();
  for (const name of SUBMISSION_FILTER_NAMES) {
    const value = params[name];
    const first = Array.isArray(value) ? value[0] : value;
    if (first) query.set(name, first);
  }
  if (!query.has("status")) query.set("status", "submitted");
  return `?${query.toString()}`;
}
