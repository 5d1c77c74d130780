import { z } from "zod";
import { IDENTITY_DOCUMENTS } from "@/db/schema/filings";
import { safeText } from "@/lib/validation/text";
import { encodeCursor, queueListFields, type KeysetCursor } from "@/lib/review/keyset";

export const IDENTITY_DOCUMENT_LABELS: Record<(typeof IDENTITY_DOCUMENTS)[number], string> = {
  my_number_card: "マイナンバーカード（番号は記録しません）",
  drivers_license: "運転免許証",
  passport: "パスポート",
  health_insurance: "健康保険の資格確認書・保険証",
  residence_card: "在留カード",
  other: "その他の公的書類",
};

export const counterFilingSchema = z.object({
  householdId: z.uuid({ error: "世帯を選んでください" }),
  representativeMemberId: z.uuid({ error: "受け取る方（代表者）を選んでください" }),
  identityDocument: z.enum(IDENTITY_DOCUMENTS, { error: "確認した本人確認書類を選んでください" }),
  /** The household's returned (差し戻し) filing that the clerk resubmits instead of filing anew. */
  resubmitFilingId: z.uuid({ error: "再提出する申請が正しく指定されていません。世帯を検索し直してください" }).optional(),
});
export type CounterFilingInput = z.infer<typeof counterFilingSchema>;

const reason = safeText({ label: "理由", max: 400, multiline: true }).min(2, { error: "理由を2文字以上で入力してください" });

const decisionFilingId = z.uuid({ error: "申請が正しく指定されていません。画面を更新してください" });

export const filingDecisionSchema = z.discriminatedUnion(
  "decision",
  [
    z.object({ filingId: decisionFilingId, decision: z.literal("approve") }),
    z.object({ filingId: decisionFilingId, decision: z.literal("reject"), reason }),
    z.object({ filingId: decisionFilingId, decision: z.literal("return"), reason }),
  ],
  { error: "承認・差し戻し・却下のどれかを選んでください" },
);
export type FilingDecisionInput = z.infer<typeof filingDecisionSchema>;

export const bulkApproveSchema = z.object({
  programId: z.uuid({ error: "事業が正しく指定されていません。画面を更新してください" }),
  filingIds: z
    .array(z.uuid({ error: "申請が正しく指定されていません。画面を更新してください" }), { error: "承認する申請を選んでください" })
    .min(1, { error: "承認する申請を選んでください" })
    .max(500, { error: "一度に承認できるのは500件までです" }),
});

export const resolveDuplicateSchema = z
  .object({
    keepFilingId: z.uuid({ error: "残す申請を選んでください" }),
    closeFilingIds: z
      .array(z.uuid({ error: "取りまとめる申請が正しく指定されていません。画面を更新してください" }), { error: "取りまとめる申請を選んでください" })
      .min(1, { error: "取りまとめる申請を選んでください" })
      .max(50, { error: "一度に取りまとめられるのは50件までです" }),
    reason,
  })
  .refine((data) => !data.closeFilingIds.includes(data.keepFilingId), {
    path: ["closeFilingIds"],
    error: "残す申請は取りまとめの対象にできません",
  });

const FILING_STATUS_VALUES = ["submitted", "returned", "approved", "granted", "rejected", "withdrawn", "closed_duplicate"] as const;

/** Queue filters come from the URL: anything malformed falls back to the default instead of failing. */
export const queueParamsSchema = z.object({
  programId: z.uuid({ error: "事業を選んでください" }),
  status: z.enum(FILING_STATUS_VALUES).optional().catch(undefined),
  channel: z.enum(["line", "counter"]).optional().catch(undefined),
  duplicate: z
    .enum(["yes", "no"])
    .transform((v) => v === "yes")
    .optional()
    .catch(undefined),
  from: z.coerce.date().optional().catch(undefined),
  to: z.coerce.date().optional().catch(undefined),
  ...queueListFields,
});

export type QueueCursor = KeysetCursor;
export const encodeQueueCursor = encodeCursor;

export const filingIdSchema = z.object({ filingId: z.uuid({ error: "申請が正しく指定されていません" }) });

/** A filing opened from the queue carries the queue's filters, so 「次の申請へ」 walks the same list. */
export const filingViewSchema = filingIdSchema.extend({
  queue: queueParamsSchema.omit({ cursor: true, limit: true }).optional(),
});

export const duplicateScanSchema = z.object({
  programId: z.uuid(),
  threshold: z.number().min(0.5).max(1).default(0.8),
});

export const dismissDuplicateSchema = z.object({
  filingIds: z
    .array(z.uuid({ error: "申請が正しく指定されていません。画面を更新してください" }), { error: "確認した申請のグループを指定してください" })
    .min(2, { error: "確認した申請のグループを指定してください" })
    .max(50, { error: "一度に記録できるのは50件までです" }),
  reason: safeText({ label: "重複ではないと判断した理由", max: 400, multiline: true }).min(2, { error: "重複ではないと判断した理由を入力してください" }),
});
