import type { SubmissionStatus } from "@/db/schema/forms";
import type { PaymentState } from "@/lib/forms/review-validations";

export const SUBMISSION_STATUS_TONES: Record<SubmissionStatus, "neutral" | "success" | "error" | "warning" | "info"> = {
  awaiting_payment: "warning",
  submitted: "info",
  returned: "warning",
  approved: "success",
  rejected: "error",
  withdrawn: "neutral",
  completed: "success",
};

export const PAYMENT_STATE_TONES: Record<PaymentState, "neutral" | "success" | "error" | "warning" | "info"> = {
  no_fee: "neutral",
  fee_pending: "warning",
  unpaid: "warning",
  paid: "success",
  refunded: "neutral",
};

export const SUBMISSION_CHANNEL_LABELS = { liff: "LINE", counter: "窓口" } as const;

export const yen = (amount: number | null) => (amount === null ? "未確定" : `${amount.toLocaleString("ja-JP")}円`);

export const PAYMENT_STATUS_LABELS: Record<string, string> = { created: "作成", started: "決済ページで手続き中", success: "納付済み", failed: "失敗・取消", error: "エラー" };
export const REFUND_STATUS_LABELS: Record<string, string> = { submitted: "返金の処理中", success: "返金済み", error: "返金エラー" };
export const PAYMENT_METHOD_LABELS: Record<string, string> = { cash: "現金（窓口）", stripe: "オンライン決済" };
export const GENDER_LABELS: Record<string, string> = { male: "男", female: "女", other: "その他" };
