import { z } from "zod";
import { safeText, searchText } from "@/lib/validation/text";

/** Shared by the create and copy operations and the staff screens that call them. */
export const formCode = z
  .string({ error: "様式コードを入力してください" })
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, { error: "様式コードは英小文字・数字・ハイフン（2〜40文字）にしてください" });

/** The create screen: a department, a code and a title; the definition starts from a one-page starter. */
export const newFormSchema = z.object({
  departmentId: z.uuid({ error: "部署を選んでください" }),
  code: formCode,
  title: safeText({ label: "様式名", max: 80, min: 1 }),
});

export const copyFormSchema = z.object({ formId: z.uuid({ error: "様式の指定が正しくありません" }), code: formCode });

/** The list's filters from the URL; anything unknown is refused rather than ignored. */
export const formListParamsSchema = z.object({
  q: searchText({ label: "様式名・コード", max: 80 }),
  departmentId: z.union([z.literal(""), z.uuid({ error: "部署の指定が正しくありません" })]).optional(),
  status: z.enum(["", "draft", "live", "live_with_draft", "archived"], { error: "状態の指定が正しくありません" }).optional(),
});
export type FormListParams = z.infer<typeof formListParamsSchema>;
