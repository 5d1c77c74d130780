import { z } from "zod";
import { ROLES } from "@/db/schema/staff";
import { isStorableText, safeText, searchText } from "@/lib/validation/text";

const staffId = z.uuid({ error: "職員が正しく指定されていません" });
const departmentId = z.uuid({ error: "部署を選んでください" });
const role = z.enum(ROLES, { error: "権限を選んでください" });

export const loginIdSchema = safeText({ label: "ログインID（メールアドレス）", min: 1, max: 254 })
  .toLowerCase()
  .pipe(z.email({ error: "ログインIDはメールアドレスの形で入力してください" }));

export const createStaffSchema = z.object({
  loginId: loginIdSchema,
  displayName: safeText({ label: "氏名", min: 1, max: 50 }),
  departmentId,
  role,
});
export type CreateStaffInput = z.infer<typeof createStaffSchema>;

export const setStaffActiveSchema = z.object({ staffId, active: z.boolean() });
export const resetStaffPasswordSchema = z.object({ staffId });
export const unlockStaffSchema = z.object({ staffId });

/** role null removes the staff member from the department. */
export const assignRoleSchema = z.object({ staffId, departmentId, role: role.nullable() });
export type AssignRoleInput = z.infer<typeof assignRoleSchema>;

/**
 * The staff password policy. Lives here, not next to the argon2 code, because the password form runs this schema
 * in the browser too, and the native argon2 binding cannot be bundled for it.
 */
export const passwordSchema = z
  .string({ error: "パスワードを入力してください" })
  .min(12, { error: "パスワードは12文字以上にしてください" })
  .max(128, { error: "パスワードは128文字以内にしてください" })
  .refine((value) => isStorableText(value), { error: "パスワードに使えない文字（制御文字・壊れた文字）が含まれています" })
  .refine((value) => new Set(value).size >= 5, { error: "同じ文字の繰り返しが多すぎます" });

export const changeOwnPasswordSchema = z
  .object({
    currentPassword: z.string({ error: "現在のパスワードを入力してください" }).min(1, { error: "現在のパスワードを入力してください" }),
    newPassword: passwordSchema,
    confirmPassword: z.string({ error: "確認のためもう一度入力してください" }),
  })
  .refine((value) => value.newPassword === value.confirmPassword, {
    path: ["confirmPassword"],
    error: "新しいパスワードが一致しません",
  })
  .refine((value) => value.newPassword !== value.currentPassword, {
    path: ["newPassword"],
    error: "現在と同じパスワードは使えません",
  });
export type ChangeOwnPasswordInput = z.infer<typeof changeOwnPasswordSchema>;

export const STAFF_SORTS = ["displayName", "loginId", "lastLoginAt", "createdAt"] as const;

export const staffListParamsSchema = z.object({
  q: searchText({ label: "検索語", max: 100 }),
  departmentId: z.uuid().optional().catch(undefined),
  role: role.optional().catch(undefined),
  status: z.enum(["active", "inactive", "locked"]).optional().catch(undefined),
  sort: z.enum(STAFF_SORTS).default("displayName").catch("displayName"),
  dir: z.enum(["asc", "desc"]).default("asc").catch("asc"),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
  pageSize: z.coerce.number().int().pipe(z.union([z.literal(20), z.literal(50), z.literal(100)])).default(20).catch(20),
});
export type StaffListParams = z.infer<typeof staffListParamsSchema>;

export const viewStaffSchema = z.object({ staffId });
