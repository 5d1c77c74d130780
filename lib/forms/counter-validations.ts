import { z } from "zod";
import { IDENTITY_DOCUMENTS } from "@/db/schema/filings";
import { isIsoDate } from "@/lib/dates/wareki";
import { safeText } from "@/lib/validation/text";

/** 基本4情報 typed from the paper form; the clerk checks them against the ID document shown. */
export const counterIdentitySchema = z.object({
  name: safeText({ label: "氏名", min: 1, max: 100 }),
  address: safeText({ label: "住所", min: 1, max: 200 }),
  birthDate: z.string({ error: "生年月日を入力してください" }).refine(isIsoDate, { error: "生年月日は YYYY-MM-DD の形で入力してください" }),
  gender: z.enum(["male", "female", "other"]).nullable().optional(),
});

/**
 * A paper application entered at the counter. The answers are checked against the form's live snapshot inside
 * the operation (lib/forms/answers.ts), which names the question that fails.
 */
export const counterSubmissionSchema = z.object({
  formId: z.uuid({ error: "様式を選んでください" }),
  answers: z.record(z.string(), z.unknown(), { error: "回答が正しく送られていません。画面を更新してください" }),
  identity: counterIdentitySchema.optional(),
  identityDocument: z.enum(IDENTITY_DOCUMENTS, { error: "確認した本人確認書類を選んでください" }),
  /** The clerk confirms the fee shown was received in cash (required whenever a fee is due on filing). */
  cashReceived: z.boolean().default(false),
});
export type CounterSubmissionInput = z.input<typeof counterSubmissionSchema>;
