import { z } from "zod";
import { safeText } from "@/lib/validation/text";
import { SITES } from "@/db/schema/departments";

const name = z
  .string({ error: "部署名を入力してください" })
  .trim()
  .min(1, { error: "部署名を入力してください" })
  .max(50, { error: "部署名は50文字以内にしてください" });
const code = z
  .string({ error: "部署コードを入力してください" })
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,31}$/, { error: "部署コードは半角英小文字・数字・ハイフンの2〜32文字にしてください" });
const site = z.enum(SITES, { error: "拠点を選んでください" });

export const createDepartmentSchema = z.object({ name, code, site });
export type CreateDepartmentInput = z.infer<typeof createDepartmentSchema>;

export const updateDepartmentSchema = z.object({
  departmentId: z.uuid({ error: "部署が正しく指定されていません" }),
  name,
  code,
  site,
  active: z.boolean(),
});
export type UpdateDepartmentInput = z.infer<typeof updateDepartmentSchema>;

export const departmentSettingsSchema = z.object({
  departmentId: z.uuid({ error: "部署が正しく指定されていません" }),
  phone: z
    .string()
    .trim()
    .regex(/^(|0\d{1,4}-\d{1,4}-\d{3,4})$/, { error: "電話番号は 0166-58-2111 の形で入力してください" }),
  counterHours: z.string().trim().max(100, { error: "窓口の受付時間は100文字以内にしてください" }),
  /** For resident pages in やさしい日本語 and English; empty: the Japanese is shown. */
  counterHoursEasy: safeText({ label: "窓口の受付時間（やさしい日本語）", max: 100 }).optional(),
  counterHoursEn: safeText({ label: "窓口の受付時間（英語）", max: 100 }).optional(),
});
export type DepartmentSettingsInput = z.infer<typeof departmentSettingsSchema>;

const uuidSchema = z.uuid();
/** For route params: a malformed id is simply "not found". */
export function isUuid(value: string): boolean {
  return uuidSchema.safeParse(value).success;
}
