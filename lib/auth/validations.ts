import { z } from "zod";

export const loginSchema = z.object({
  loginId: z.string().trim().min(1, { error: "ログインIDを入力してください" }),
  password: z.string().min(1, { error: "パスワードを入力してください" }),
});
export type LoginInput = z.infer<typeof loginSchema>;
