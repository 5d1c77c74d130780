import { z } from "zod";
import { isStorableText, safeText } from "@/lib/validation/text";

export const loginSchema = z.object({
  loginId: safeText({ label: "ログインID", min: 1, max: 254 }),
  // Not trimmed (spaces may be part of a password); a NUL or lone surrogate could never have been set.
  password: z
    .string({ error: "パスワードを入力してください" })
    .min(1, { error: "パスワードを入力してください" })
    .max(1024, { error: "パスワードが長すぎます" })
    .refine((value) => isStorableText(value), { error: "パスワードに使えない文字が含まれています" }),
});
export type LoginInput = z.infer<typeof loginSchema>;
