import type { Condition, QuestionType } from "./definition";

/** Staff-facing Japanese names of the definition's enums, shared by the editor and the version diff. */
export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  short_text: "短い文章",
  long_text: "長い文章",
  number: "数値",
  date: "日付（和暦表示）",
  single_choice: "1つ選ぶ",
  multiple_choice: "複数選ぶ",
  address: "郵便番号と住所",
  phone: "電話番号",
  email: "メールアドレス",
  file: "ファイル添付",
  consent: "同意",
  identity: "本人情報（JPKI の基本4情報）",
  group: "繰り返しのグループ",
};

export const CONDITION_OP_LABELS: Record<Condition["op"], string> = {
  equals: "が次と等しい",
  not_equals: "が次と等しくない",
  includes: "に次を含む",
  answered: "に回答あり",
  not_answered: "に回答なし",
  at_least: "が次以上",
  at_most: "が次以下",
};

export const FORM_STATUS_LABELS = { draft: "下書き", live: "公開中", live_with_draft: "公開中（下書きあり）", archived: "廃止" } as const;
export type FormStatus = keyof typeof FORM_STATUS_LABELS;
