import { z } from "zod";
import { SITES } from "@/db/schema/departments";
import { safeText } from "@/lib/validation/text";

const name = safeText({ label: "部署名", min: 1, max: 50 });
const code = safeText({ label: "部署コード", max: 32 })
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
  phone: safeText({ label: "電話番号", max: 20 })
    .regex(/^(|0\d{1,4}-\d{1,4}-\d{3,4})$/, { error: "電話番号は 0166-58-2111 の形で入力してください" }),
  counterHours: safeText({ label: "窓口の受付時間", max: 100 }),
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
