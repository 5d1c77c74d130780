import { z } from "zod";
import { safeText } from "@/lib/validation/text";

/**
 * A form definition: pages of questions, routing between pages, the identity step and the fee. Staff edit it as a
 * draft; publishing freezes it as a numbered snapshot (form_versions) that every submission keeps.
 */

const ID = /^[a-z][a-z0-9_]{0,39}$/;
const id = (label: string) => z.string({ error: `${label}を入力してください` }).regex(ID, { error: `${label}は英小文字で始まる英小文字・数字・_（40文字以内）にしてください` });

/** A whole number within bounds, every refusal naming the setting in Japanese. */
const int = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label}を数値で入力してください` })
    .int({ error: `${label}は整数で入力してください` })
    .min(min, { error: `${label}は${min.toLocaleString("ja-JP")}以上にしてください` })
    .max(max, { error: `${label}は${max.toLocaleString("ja-JP")}以下にしてください` });

/** Wording in 日本語, with optional やさしい日本語 and English (residents see 日本語 where one is missing). */
export const localizedText = (label: string, max = 200, multiline = false) =>
  z.object({
    ja: safeText({ label, max, min: 1, multiline }),
    "ja-easy": safeText({ label: `${label}（やさしい日本語）`, max, multiline }).optional(),
    en: safeText({ label: `${label}（英語）`, max, multiline }).optional(),
  });
export type LocalizedText = z.infer<ReturnType<typeof localizedText>>;

const option = z.object({ value: id("選択肢の値"), label: localizedText("選択肢") });

const base = {
  id: id("質問ID"),
  label: localizedText("質問文"),
  help: localizedText("補足説明", 1000, true).optional(),
  required: z.boolean().default(true),
};

const textQuestion = z.object({ ...base, type: z.literal("short_text"), maxLength: int("最大文字数", 1, 200).default(100) });
const longTextQuestion = z.object({ ...base, type: z.literal("long_text"), maxLength: int("最大文字数", 1, 4000).default(1000) });
const numberQuestion = z.object({
  ...base,
  type: z.literal("number"),
  min: int("最小値", -1_000_000, 1_000_000).default(0),
  max: int("最大値", -1_000_000, 1_000_000).default(1_000_000),
  unit: localizedText("単位", 20).optional(),
});
const dateQuestion = z.object({ ...base, type: z.literal("date"), past: z.enum(["any", "past_only", "future_only"]).default("any") });
const singleChoice = z.object({ ...base, type: z.literal("single_choice"), options: z.array(option).min(2, { error: "選択肢は2つ以上にしてください" }).max(50) });
const multipleChoice = z.object({ ...base, type: z.literal("multiple_choice"), options: z.array(option).min(2, { error: "選択肢は2つ以上にしてください" }).max(50), maxSelected: int("選べる数の上限", 1, 50).optional() });
const addressQuestion = z.object({ ...base, type: z.literal("address") });
const phoneQuestion = z.object({ ...base, type: z.literal("phone") });
const emailQuestion = z.object({ ...base, type: z.literal("email") });
const fileQuestion = z.object({
  ...base,
  type: z.literal("file"),
  accept: z.array(z.enum(["application/pdf", "image/jpeg", "image/png"])).min(1, { error: "受け付けるファイルの種類を1つ以上選んでください" }).default(["application/pdf", "image/jpeg", "image/png"]),
  maxBytes: int("ファイルの大きさの上限（バイト）", 1024, 10 * 1024 * 1024).default(5 * 1024 * 1024),
});
const consentQuestion = z.object({ ...base, type: z.literal("consent"), statement: localizedText("同意する内容", 2000, true) });
/** Filled from the verified JPKI 基本4情報; the resident only confirms it. */
const identityQuestion = z.object({ ...base, type: z.literal("identity") });

const leafQuestion = z.discriminatedUnion("type", [textQuestion, longTextQuestion, numberQuestion, dateQuestion, singleChoice, multipleChoice, addressQuestion, phoneQuestion, emailQuestion]);
/** One row per item (e.g. one per certificate requested), each with the same questions. */
const groupQuestion = z.object({
  ...base,
  type: z.literal("group"),
  itemLabel: localizedText("1件の呼び方", 40),
  questions: z.array(leafQuestion).min(1, { error: "グループには質問を1つ以上置いてください" }).max(20, { error: "グループの質問は20個までにしてください" }),
  minItems: int("最小件数", 0, 50).default(1),
  maxItems: int("最大件数", 1, 50).default(10),
});

export const questionSchema = z.discriminatedUnion("type", [
  textQuestion, longTextQuestion, numberQuestion, dateQuestion, singleChoice, multipleChoice, addressQuestion, phoneQuestion, emailQuestion,
  fileQuestion, consentQuestion, identityQuestion, groupQuestion,
]);
export type Question = z.infer<typeof questionSchema>;
export type LeafQuestion = z.infer<typeof leafQuestion>;
export type QuestionType = Question["type"];

/** A condition on an earlier answer: equals / not_equals (choices, numbers), includes (multiple choice), answered. */
export const conditionSchema = z.object({
  questionId: id("条件の質問ID"),
  op: z.enum(["equals", "not_equals", "includes", "answered", "not_answered", "at_least", "at_most"]),
  value: z.union([safeText({ label: "条件の値", max: 100 }), z.number()]).optional(),
});
export type Condition = z.infer<typeof conditionSchema>;

/** After the page: the first route whose conditions all hold decides the next page; none holds → the next page. */
export const routeSchema = z.object({ when: z.array(conditionSchema).min(1, { error: "分岐には条件を1つ以上置いてください" }).max(10, { error: "分岐の条件は10個までにしてください" }), goTo: z.union([id("移動先のページID"), z.literal("end")]) });
export type Route = z.infer<typeof routeSchema>;

export const pageSchema = z.object({
  id: id("ページID"),
  title: localizedText("ページの見出し").optional(),
  questions: z.array(questionSchema).min(1, { error: "ページには質問を1つ以上置いてください" }).max(20, { error: "1ページの質問は20個までにしてください" }),
  routes: z.array(routeSchema).max(20).default([]),
});
export type Page = z.infer<typeof pageSchema>;

/** How many units of a fee item: a fixed count, a number answer, the rows of a group, or a sum over its rows. */
export const quantitySchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("fixed"), value: int("固定の数量", 1, 1000) }),
  z.object({ kind: z.literal("answer"), questionId: id("数量の質問ID") }),
  z.object({ kind: z.literal("count"), groupId: id("グループの質問ID") }),
  z.object({
    kind: z.literal("group_sum"),
    groupId: id("グループの質問ID"),
    questionId: id("数量の質問ID"),
    where: z.object({ questionId: id("条件の質問ID"), equals: safeText({ label: "集計の条件の値", max: 100 }) }).optional(),
  }),
]);
export const feeItemSchema = z.object({
  label: localizedText("手数料の項目", 60),
  unitAmount: int("単価（円）", 1, 1_000_000),
  quantity: quantitySchema,
  when: z.array(conditionSchema).max(10).default([]),
});
export type FeeItem = z.infer<typeof feeItemSchema>;

export const paymentSchema = z.discriminatedUnion("timing", [
  z.object({ timing: z.literal("none") }),
  /** 申請時: the fee follows from the answers and is paid before the submission is sent. */
  z.object({ timing: z.literal("on_filing"), items: z.array(feeItemSchema).min(1, { error: "申請時に納付する様式には手数料の項目が必要です" }).max(30) }),
  /** 事後決済: staff fix the fee after review; the items (if any) give the resident an estimate. */
  z.object({ timing: z.literal("after_review"), items: z.array(feeItemSchema).max(30).default([]) }),
]);

export const formDefinitionSchema = z.object({
  title: localizedText("様式名", 80),
  description: localizedText("様式の説明", 2000, true).optional(),
  identity: z.enum(["none", "jpki"]),
  delivery: z.enum(["none", "mail", "counter"]).default("none"),
  payment: paymentSchema,
  /** Days a resident's saved answers are kept before the draft expires. */
  draftDays: int("入力途中の保存日数", 1, 90).default(14),
  pages: z.array(pageSchema).min(1, { error: "ページを1つ以上作ってください" }).max(50, { error: "ページは50個までにしてください" }),
});
export type FormDefinition = z.infer<typeof formDefinitionSchema>;
export type FormDefinitionInput = z.input<typeof formDefinitionSchema>;

/** Every question by id, group rows' questions included under "groupId.questionId". */
export function questionsOf(definition: Pick<FormDefinition, "pages">): Map<string, { question: Question | LeafQuestion; pageIndex: number; groupId: string | null }> {
  const map = new Map<string, { question: Question | LeafQuestion; pageIndex: number; groupId: string | null }>();
  definition.pages.forEach((page, pageIndex) => {
    for (const question of page.questions) {
      map.set(question.id, { question, pageIndex, groupId: null });
      if (question.type === "group") for (const inner of question.questions) map.set(`${question.id}.${inner.id}`, { question: inner, pageIndex, groupId: question.id });
    }
  });
  return map;
}

export function textIn(text: LocalizedText, locale: "ja" | "ja-easy" | "en"): string {
  return (locale === "ja" ? text.ja : text[locale]) ?? text.ja;
}
