import { describe, expect, it } from "vitest";
import { type FormDefinition, formDefinitionSchema } from "./definition";
import { KOSEKI_FORM, SURVEY_FORM } from "./demo-definitions";
import { diffDefinitions } from "./diff";

const parse = (input: unknown): FormDefinition => formDefinitionSchema.parse(input);
const clone = (definition: FormDefinition): FormDefinition => structuredClone(definition);

describe("diffDefinitions", () => {
  it("finds nothing between a definition and itself", () => {
    expect(diffDefinitions(parse(KOSEKI_FORM), parse(KOSEKI_FORM))).toEqual([]);
  });

  it("names added and removed pages, and a changed page order", () => {
    const before = parse(SURVEY_FORM);
    const after = clone(before);
    after.pages.splice(1, 1);
    after.pages.push({ id: "extra", questions: [{ id: "age", type: "number", min: 0, max: 120, required: true, label: { ja: "年齢" } }], routes: [] });
    [after.pages[1], after.pages[2]] = [after.pages[2]!, after.pages[1]!];
    const diff = diffDefinitions(before, after);
    expect(diff).toContainEqual({ change: "removed", where: "ページ", what: "ページ「walk」（質問1件）" });
    expect(diff).toContainEqual({ change: "added", where: "ページ", what: "ページ「extra」（質問1件: 年齢）" });
    expect(diff).toContainEqual({ change: "changed", where: "ページ", what: "ページの順番", before: "travel、walk、bus、car、comment", after: "travel、car、bus、comment、extra" });
  });

  it("names question, option and wording changes in every language", () => {
    const before = parse(SURVEY_FORM);
    const after = clone(before);
    const travel = after.pages[0]!.questions[0]!;
    if (travel.type !== "single_choice") throw new Error("fixture");
    travel.label = { ...travel.label, ja: "主な移動手段", en: undefined };
    travel.options = travel.options.filter((o) => o.value !== "walk");
    travel.options.push({ value: "taxi", label: { ja: "タクシー" } });
    travel.options[0]!.label = { ...travel.options[0]!.label, "ja-easy": "じぶんの くるま" };
    after.pages[4]!.questions[0]!.required = true;
    after.pages[4]!.questions.push({ id: "email", type: "email", required: false, label: { ja: "連絡先" } });
    const diff = diffDefinitions(before, after);
    expect(diff).toContainEqual({ change: "changed", where: "ページ「travel」の質問「travel」", what: "質問文", before: "ふだんの移動手段", after: "主な移動手段" });
    expect(diff).toContainEqual({ change: "changed", where: "ページ「travel」の質問「travel」", what: "質問文（英語）", before: "How do you usually travel?", after: "（なし）" });
    expect(diff).toContainEqual({ change: "removed", where: "ページ「travel」の質問「travel」", what: "選択肢「徒歩・自転車」（walk）" });
    expect(diff).toContainEqual({ change: "added", where: "ページ「travel」の質問「travel」", what: "選択肢「タクシー」（taxi）" });
    expect(diff).toContainEqual({ change: "changed", where: "ページ「travel」の質問「travel」の選択肢「car」", what: "表示（やさしい日本語）", before: "くるま", after: "じぶんの くるま" });
    expect(diff).toContainEqual({ change: "changed", where: "ページ「comment」の質問「comment」", what: "必須", before: "いいえ", after: "はい" });
    expect(diff).toContainEqual({ change: "added", where: "ページ「comment」", what: "質問「連絡先」（email・メールアドレス）" });
  });

  it("names route and type-specific setting changes, and group sub-questions", () => {
    const before = parse(KOSEKI_FORM);
    const after = clone(before);
    after.pages[1]!.routes = [{ when: [{ questionId: "relation", op: "equals", value: "self" }], goTo: "certificates" }];
    const group = after.pages[3]!.questions[2]!;
    if (group.type !== "group") throw new Error("fixture");
    group.maxItems = 3;
    group.questions = group.questions.filter((q) => q.id !== "copies");
    const diff = diffDefinitions(before, after);
    expect(diff).toContainEqual({ change: "removed", where: "ページ「relation」", what: "分岐 relation が次と等しくない other → ページ「certificates」" });
    expect(diff).toContainEqual({ change: "added", where: "ページ「relation」", what: "分岐 relation が次と等しい self → ページ「certificates」" });
    expect(diff).toContainEqual({ change: "changed", where: "ページ「certificates」の質問「certificates」", what: "最大件数", before: "5", after: "3" });
    expect(diff).toContainEqual({ change: "removed", where: "グループ「certificates」の中", what: "質問「通数」（copies）" });
  });

  it("names settings and fee changes", () => {
    const before = parse(KOSEKI_FORM);
    const after = clone(before);
    after.identity = "none";
    after.draftDays = 7;
    if (after.payment.timing !== "on_filing") throw new Error("fixture");
    after.payment.items[3]!.unitAmount = 180;
    after.payment.items.pop();
    const diff = diffDefinitions(before, after);
    expect(diff).toContainEqual({ change: "changed", where: "様式の設定", what: "本人確認", before: "マイナンバーカード（JPKI）", after: "なし" });
    expect(diff).toContainEqual({ change: "changed", where: "様式の設定", what: "入力途中の保存日数", before: "14", after: "7" });
    expect(diff).toContainEqual({ change: "removed", where: "手数料", what: "項目4 「郵送料」140円 × 固定 1" });
    const toNone = diffDefinitions(before, { ...before, payment: { timing: "none" } });
    expect(toNone).toContainEqual({ change: "changed", where: "手数料", what: "納付の時期", before: "申請時", after: "なし" });
    expect(toNone.filter((e) => e.change === "removed" && e.where === "手数料")).toHaveLength(4);
  });
});
