import { z } from "zod";
import { safeText } from "@/lib/validation/text";

export const createBatchSchema = z.object({
  programId: z.uuid({ error: "事業を選んでください" }),
  maxItems: z.coerce
    .number({ error: "件数は数字で入力してください" })
    .int()
    .min(1, { error: "1件以上にしてください" })
    .max(100_000, { error: "一度に作れるのは100,000件までです" })
    .default(10_000),
});

export const batchIdSchema = z.object({ batchId: z.uuid({ error: "バッチが正しく指定されていません" }) });

export const batchResultRowSchema = z.object({
  filingId: z.uuid(),
  outcome: z.enum(["granted", "failed"]),
  reason: safeText({ label: "結果ファイルの理由", max: 200, multiline: true }).nullable(),
  /** The row's line in the vendor's result file, so a refusal can point at it. */
  line: z.number().int().positive().optional(),
});
export type BatchResultRow = z.infer<typeof batchResultRowSchema>;

export const applyBatchResultSchema = z.object({
  batchId: z.uuid(),
  /** The vendor's control totals, checked against the batch before anything is applied. */
  totals: z.object({ count: z.number().int().min(0), points: z.number().int().min(0) }),
  rows: z.array(batchResultRowSchema).min(1, { error: "結果ファイルに行がありません" }),
});
export type ApplyBatchResultInput = z.infer<typeof applyBatchResultSchema>;
