import { describe, expect, it } from "vitest";
import { formDefinitionSchema, type QuestionType, questionSchema } from "./definition";
import { SURVEY_FORM } from "./demo-definitions";
import { definitionFieldErrors, describeFieldPath, editorDefinitionSchema, flattenFieldErrors, newQuestion, nextId, normalizeDefinitionInput, starterDefinition } from "./editor";
import { QUESTION_TYPE_LABELS } from "./editor-labels";

const blank = { "ja-easy": "", en: "" };

/** What the editor's inputs hold for a small form: empty translation boxes, numbers as typed, a condition as text. */
function editorValues(): Record<string, unknown> {
  return {
    title: { ja: "アンケート", ...blank },
    description: { ja: "", ...blank },
    identity: "none",
    delivery: "none",
    draftDays: 14,
    payment: { timing: "none", items: [{ label: { ja: "残った項目" }, unitAmount: 100, quantity: { kind: "fixed", value: 1 }, when: [] }] },
    pages: [
      { id: "p1", title: { ja: "", ...blank }, questions: [{ id: "count", type: "number", label: { ja: "人数", ...blank }, help: { ja: "", ...blank }, required: true, min: 0, max: 10, unit: { ja: "", ...blank } }], routes: [{ when: [{ questionId: "count", op: "at_least", value: "3" }, { questionId: "count", op: "answered", value: "" }], goTo: "end" }] },
      { id: "p2", questions: [{ id: "name", type: "short_text", label: { ja: "氏名", "ja-easy": "なまえ", en: "" }, help: { ja: "", ...blank }, required: false, maxLength: 50 }], routes: [] },
    ],
  };
}

describe("editor input normalisation", () => {
  it("drops empty translations and empty optional texts, turns typed numbers in conditions into numbers, and drops fee items when there is no fee", () => {
    const parsed = editorDefinitionSchema.parse(editorValues());
    expect(parsed.title).toEqual({ ja: "アンケート" });
    expect(parsed).not.toHaveProperty("description");
    expect(parsed.payment).toEqual({ timing: "none" });
    expect(parsed.pages[0]).not.toHaveProperty("title");
    expect(parsed.pages[0]!.questions[0]).not.toHaveProperty("help");
    expect(parsed.pages[0]!.questions[0]).not.toHaveProperty("unit");
    expect(parsed.pages[0]!.routes[0]!.when).toEqual([{ questionId: "count", op: "at_least", value: 3 }, { questionId: "count", op: "answered" }]);
    // A help with only English stays, so the missing 日本語 is named rather than the English silently lost.
    const values = editorValues();
    (values.pages as { questions: { help: unknown }[] }[])[1]!.questions[0]!.help = { ja: "", en: "Full name" };
    const withEnglishOnly = editorDefinitionSchema.safeParse(values);
    expect(withEnglishOnly.success).toBe(false);
    expect(withEnglishOnly.error!.issues).toContainEqual(expect.objectContaining({ path: ["pages", 1, "questions", 0, "help", "ja"], message: "補足説明を入力してください" }));
  });

  it("names an empty or non-numeric number setting in Japanese, at its field", () => {
    const values = editorValues();
    const question = (values.pages as { questions: Record<string, unknown>[] }[])[0]!.questions[0]!;
    question.max = Number.NaN;
    question.min = 2.5;
    const result = editorDefinitionSchema.safeParse(values);
    expect(result.success).toBe(false);
    expect(result.error!.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: ["pages", 0, "questions", 0, "max"], message: "最大値を数値で入力してください" }),
        expect.objectContaining({ path: ["pages", 0, "questions", 0, "min"], message: "最小値は整数で入力してください" }),
      ]),
    );
  });

  it("leaves a definition that is already clean as the schema reads it", () => {
    expect(editorDefinitionSchema.parse(SURVEY_FORM)).toEqual(formDefinitionSchema.parse(SURVEY_FORM));
    expect(normalizeDefinitionInput("not an object")).toBe("not an object");
  });

  it("starts every question type with settings the schema accepts once its wording is written", () => {
    for (const type of Object.keys(QUESTION_TYPE_LABELS) as QuestionType[]) {
      const question = { ...newQuestion(type, { id: "q1" }), label: { ja: "質問", ...blank } } as Record<string, unknown>;
      if (type === "consent") question.statement = { ja: "同意します", ...blank };
      const definition: unknown = { ...starterDefinition("様式"), pages: [{ id: "p1", questions: [question], routes: [] }] };
      const parsed = editorDefinitionSchema.safeParse(definition);
      expect(parsed.success, `${type}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      expect(questionSchema.parse(parsed.data!.pages[0]!.questions[0]).type).toBe(type);
    }
  });

  it("keeps what staff wrote when a question changes type", () => {
    const changed = newQuestion("single_choice", { id: "travel", label: { ja: "移動手段" }, required: false });
    expect(changed).toMatchObject({ id: "travel", type: "single_choice", label: { ja: "移動手段" }, required: false });
    expect((changed.options as unknown[]).length).toBe(2);
  });
});

describe("editor error naming", () => {
  const definition = formDefinitionSchema.parse(SURVEY_FORM);

  it("says where a field is in words staff recognise", () => {
    expect(describeFieldPath(["pages", 0, "questions", 0, "options", 2, "label", "ja"], definition)).toBe("ページ1（travel）の質問1（travel）の選択肢3");
    expect(describeFieldPath(["pages", 2, "routes", 0, "when", 1, "value"], definition)).toBe("ページ3（bus）の分岐1の条件2");
    expect(describeFieldPath(["payment", "items", 1, "when", 0, "questionId"], definition)).toBe("手数料の項目2の条件1");
    expect(describeFieldPath(["pages", 1, "questions", 0, "questions", 1, "id"], definition)).toBe("ページ2（walk）の質問1（walk_issue）のグループ内の質問2");
    expect(describeFieldPath(["title", "ja"], definition)).toBe("様式の設定");
  });

  it("flattens nested field errors with their paths, array-level ones at the array", () => {
    const errors = { title: { ja: { message: "様式名を入力してください", type: "custom" } }, pages: [undefined, { questions: { root: { message: "ページには質問を1つ以上置いてください" } } }] };
    expect(flattenFieldErrors(errors)).toEqual([
      { path: ["title", "ja"], message: "様式名を入力してください" },
      { path: ["pages", 1, "questions"], message: "ページには質問を1つ以上置いてください" },
    ]);
  });

  it("moves the server's field errors onto the editor's fields", () => {
    expect(definitionFieldErrors({ "definition.pages.0.id": ["x"], formId: ["y"] })).toEqual({ "pages.0.id": ["x"], formId: ["y"] });
    expect(nextId("page", ["page1", "page3"])).toBe("page4");
    expect(nextId("page", ["page2"])).toBe("page3");
  });
});
