import type { Condition, FeeItem, FormDefinition, LeafQuestion, LocalizedText, Page, Question, Route } from "./definition";
import { CONDITION_OP_LABELS, QUESTION_TYPE_LABELS } from "./editor-labels";

/**
 * A readable structural diff between two form definitions (a version and the draft or live one): what staff
 * added, removed or changed in the settings, pages, questions, options, routes and fee items, in Japanese.
 */
export type DiffChange = "added" | "removed" | "changed";
export type DiffEntry = { change: DiffChange; where: string; what: string; before?: string; after?: string };

const LANGS = [
  ["ja", ""],
  ["ja-easy", "（やさしい日本語）"],
  ["en", "（英語）"],
] as const;

const IDENTITY = { none: "なし", jpki: "マイナンバーカード（JPKI）" } as const;
const DELIVERY = { none: "なし", mail: "郵送", counter: "窓口で交付" } as const;
const TIMING = { none: "なし", on_filing: "申請時", after_review: "事後決済" } as const;

/** Labels of the type-specific settings, so a changed setting is named rather than shown as a key. */
const SETTING_LABELS: Record<string, string> = {
  maxLength: "最大文字数",
  min: "最小値",
  max: "最大値",
  unit: "単位",
  past: "日付の範囲",
  maxSelected: "選べる数の上限",
  accept: "受け付けるファイルの種類",
  maxBytes: "ファイルの大きさの上限",
  statement: "同意する内容",
  itemLabel: "1件の呼び方",
  minItems: "最小件数",
  maxItems: "最大件数",
};

function isLocalized(value: unknown): value is LocalizedText {
  return typeof value === "object" && value !== null && "ja" in value;
}

function show(value: unknown): string {
  if (value === undefined || value === null || value === "") return "（なし）";
  if (typeof value === "boolean") return value ? "はい" : "いいえ";
  if (Array.isArray(value)) return value.map(show).join("、");
  if (isLocalized(value)) return value.ja;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function textChanges(out: DiffEntry[], where: string, what: string, before: LocalizedText | undefined, after: LocalizedText | undefined) {
  for (const [lang, suffix] of LANGS) {
    const a = before?.[lang] ?? "";
    const b = after?.[lang] ?? "";
    if (a !== b) out.push({ change: "changed", where, what: `${what}${suffix}`, before: show(a), after: show(b) });
  }
}

function valueChange(out: DiffEntry[], where: string, what: string, before: unknown, after: unknown) {
  if (!same(before, after)) out.push({ change: "changed", where, what, before: show(before), after: show(after) });
}

export function describeCondition(condition: Condition): string {
  const value = condition.op === "answered" || condition.op === "not_answered" ? "" : ` ${show(condition.value)}`;
  return `${condition.questionId} ${CONDITION_OP_LABELS[condition.op]}${value}`;
}

function describeRoute(route: Route): string {
  return `${route.when.map(describeCondition).join(" かつ ")} → ${route.goTo === "end" ? "終わり（確認画面）" : `ページ「${route.goTo}」`}`;
}

function describeQuantity(item: FeeItem): string {
  const q = item.quantity;
  if (q.kind === "fixed") return `固定 ${q.value}`;
  if (q.kind === "answer") return `質問「${q.questionId}」の回答`;
  if (q.kind === "count") return `グループ「${q.groupId}」の件数`;
  return `グループ「${q.groupId}」の「${q.questionId}」の合計${q.where ? `（${q.where.questionId} が ${q.where.equals} の行）` : ""}`;
}

function questionChanges(out: DiffEntry[], where: string, before: Question | LeafQuestion, after: Question | LeafQuestion) {
  if (before.type !== after.type) {
    out.push({ change: "changed", where, what: "質問の種類", before: QUESTION_TYPE_LABELS[before.type], after: QUESTION_TYPE_LABELS[after.type] });
  }
  textChanges(out, where, "質問文", before.label, after.label);
  textChanges(out, where, "補足説明", before.help, after.help);
  valueChange(out, where, "必須", before.required, after.required);
  for (const key of Object.keys(SETTING_LABELS)) {
    const a = (before as Record<string, unknown>)[key];
    const b = (after as Record<string, unknown>)[key];
    if (isLocalized(a) || isLocalized(b)) textChanges(out, where, SETTING_LABELS[key]!, a as LocalizedText | undefined, b as LocalizedText | undefined);
    else valueChange(out, where, SETTING_LABELS[key]!, a, b);
  }
  const optionsBefore = "options" in before ? before.options : [];
  const optionsAfter = "options" in after ? after.options : [];
  for (const option of optionsBefore) {
    const match = optionsAfter.find((o) => o.value === option.value);
    if (!match) out.push({ change: "removed", where, what: `選択肢「${option.label.ja}」（${option.value}）` });
    else textChanges(out, `${where}の選択肢「${option.value}」`, "表示", option.label, match.label);
  }
  for (const option of optionsAfter) {
    if (!optionsBefore.some((o) => o.value === option.value)) out.push({ change: "added", where, what: `選択肢「${option.label.ja}」（${option.value}）` });
  }
  if (!same(optionsBefore.map((o) => o.value).filter((v) => optionsAfter.some((o) => o.value === v)), optionsAfter.map((o) => o.value).filter((v) => optionsBefore.some((o) => o.value === v)))) {
    out.push({ change: "changed", where, what: "選択肢の順番", before: optionsBefore.map((o) => o.value).join("、"), after: optionsAfter.map((o) => o.value).join("、") });
  }
  if (before.type === "group" || after.type === "group") {
    questionListChanges(out, `グループ「${after.id}」の中`, before.type === "group" ? before.questions : [], after.type === "group" ? after.questions : []);
  }
}

function questionListChanges(out: DiffEntry[], where: string, before: readonly (Question | LeafQuestion)[], after: readonly (Question | LeafQuestion)[]) {
  for (const question of before) {
    const match = after.find((q) => q.id === question.id);
    if (!match) out.push({ change: "removed", where, what: `質問「${question.label.ja}」（${question.id}）` });
    else questionChanges(out, `${where}の質問「${question.id}」`, question, match);
  }
  for (const question of after) {
    if (!before.some((q) => q.id === question.id)) out.push({ change: "added", where, what: `質問「${question.label.ja}」（${question.id}・${QUESTION_TYPE_LABELS[question.type]}）` });
  }
}

function pageChanges(out: DiffEntry[], before: Page, after: Page) {
  const where = `ページ「${after.id}」`;
  textChanges(out, where, "見出し", before.title, after.title);
  const kept = (list: Question[], other: Question[]) => list.filter((q) => other.some((o) => o.id === q.id)).map((q) => q.id);
  questionListChanges(out, where, before.questions, after.questions);
  if (!same(kept(before.questions, after.questions), kept(after.questions, before.questions))) {
    out.push({ change: "changed", where, what: "質問の順番", before: before.questions.map((q) => q.id).join("、"), after: after.questions.map((q) => q.id).join("、") });
  }
  const routesBefore = before.routes.map(describeRoute);
  const routesAfter = after.routes.map(describeRoute);
  for (const route of routesBefore) if (!routesAfter.includes(route)) out.push({ change: "removed", where, what: `分岐 ${route}` });
  for (const route of routesAfter) if (!routesBefore.includes(route)) out.push({ change: "added", where, what: `分岐 ${route}` });
}

function feeChanges(out: DiffEntry[], before: FormDefinition["payment"], after: FormDefinition["payment"]) {
  valueChange(out, "手数料", "納付の時期", TIMING[before.timing], TIMING[after.timing]);
  const itemsBefore = before.timing === "none" ? [] : before.items;
  const itemsAfter = after.timing === "none" ? [] : after.items;
  const count = Math.max(itemsBefore.length, itemsAfter.length);
  for (let i = 0; i < count; i++) {
    const a = itemsBefore[i];
    const b = itemsAfter[i];
    const describe = (item: FeeItem) => `「${item.label.ja}」${item.unitAmount.toLocaleString("ja-JP")}円 × ${describeQuantity(item)}`;
    if (!a) out.push({ change: "added", where: "手数料", what: `項目${i + 1} ${describe(b!)}` });
    else if (!b) out.push({ change: "removed", where: "手数料", what: `項目${i + 1} ${describe(a)}` });
    else {
      const where = `手数料の項目${i + 1}`;
      textChanges(out, where, "項目名", a.label, b.label);
      valueChange(out, where, "単価（円）", a.unitAmount, b.unitAmount);
      valueChange(out, where, "数量", describeQuantity(a), describeQuantity(b));
      valueChange(out, where, "条件", a.when.map(describeCondition).join(" かつ "), b.when.map(describeCondition).join(" かつ "));
    }
  }
}

export function diffDefinitions(before: FormDefinition, after: FormDefinition): DiffEntry[] {
  const out: DiffEntry[] = [];
  textChanges(out, "様式の設定", "様式名", before.title, after.title);
  textChanges(out, "様式の設定", "説明", before.description, after.description);
  valueChange(out, "様式の設定", "本人確認", IDENTITY[before.identity], IDENTITY[after.identity]);
  valueChange(out, "様式の設定", "交付の方法", DELIVERY[before.delivery], DELIVERY[after.delivery]);
  valueChange(out, "様式の設定", "入力途中の保存日数", before.draftDays, after.draftDays);
  feeChanges(out, before.payment, after.payment);
  for (const page of before.pages) {
    const match = after.pages.find((p) => p.id === page.id);
    if (!match) out.push({ change: "removed", where: "ページ", what: `ページ「${page.id}」（質問${page.questions.length}件）` });
    else pageChanges(out, page, match);
  }
  for (const page of after.pages) {
    if (!before.pages.some((p) => p.id === page.id)) out.push({ change: "added", where: "ページ", what: `ページ「${page.id}」（質問${page.questions.length}件: ${page.questions.map((q) => q.label.ja).join("、")}）` });
  }
  const order = (list: Page[], other: Page[]) => list.filter((p) => other.some((o) => o.id === p.id)).map((p) => p.id);
  if (!same(order(before.pages, after.pages), order(after.pages, before.pages))) {
    out.push({ change: "changed", where: "ページ", what: "ページの順番", before: before.pages.map((p) => p.id).join("、"), after: after.pages.map((p) => p.id).join("、") });
  }
  return out;
}
