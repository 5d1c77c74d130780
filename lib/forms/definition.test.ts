import { describe, expect, it } from "vitest";
import { validateAnswers } from "./answers";
import { type FormDefinition, type FormDefinitionInput, formDefinitionSchema } from "./definition";
import { DEMO_FORM_DEFINITIONS, KOSEKI_FORM, SURVEY_FORM } from "./demo-definitions";
import { computeFee } from "./fees";
import { publishProblems } from "./publish-checks";
import { answerRows } from "./render";
import { pathOf } from "./routing";

const parse = (input: FormDefinitionInput): FormDefinition => formDefinitionSchema.parse(input);
const identity = { name: "役場 太郎", address: "北海道上川郡当麻町3条東2丁目11番1号", birthDate: "1980-04-01", gender: "male" };

describe("form definitions", () => {
  it("the four demo forms parse and pass the publish checks", () => {
    for (const demo of DEMO_FORM_DEFINITIONS) expect(publishProblems(parse(demo.definition)), demo.code).toEqual([]);
  });

  it("refuses malformed definitions with the field named", () => {
    const result = formDefinitionSchema.safeParse({ ...SURVEY_FORM, title: { ja: "" }, pages: [{ id: "Bad Id", questions: [] }] });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => i.message);
    expect(messages).toContain("様式名を入力してください");
    expect(messages).toContain("ページには質問を1つ以上置いてください");
    expect(messages.some((m) => m.startsWith("ページIDは英小文字で始まる"))).toBe(true);
  });

  it("refuses at publish a route backwards, to a missing page, on a later question, or on an option that does not exist", () => {
    const definition = parse(SURVEY_FORM);
    definition.pages[2]!.routes = [
      { when: [{ questionId: "travel", op: "equals", value: "bus" }], goTo: "travel" },
      { when: [{ questionId: "travel", op: "equals", value: "boat" }], goTo: "comment" },
      { when: [{ questionId: "comment", op: "answered" }], goTo: "nowhere" },
      { when: [{ questionId: "travel", op: "equals", value: "bus" }, { questionId: "travel", op: "equals", value: "car" }], goTo: "comment" },
      { when: [{ questionId: "travel", op: "at_least", value: 3 }], goTo: "comment" },
    ];
    const problems = publishProblems(definition);
    expect(problems).toEqual(expect.arrayContaining([
      "ページ「bus」の分岐1は前のページ「travel」へ戻っています（分岐は後ろのページへだけ進めます）",
      "ページ「bus」の分岐2の条件（「ふだんの移動手段」）の値「boat」は選択肢にありません（この条件は成り立ちません）",
      "ページ「bus」の分岐3の移動先ページ「nowhere」がありません",
      "ページ「bus」の分岐3の条件（「ご意見」）は、まだ答えていない後のページの質問を見ています（この条件は成り立ちません）",
      "ページ「bus」の分岐4の条件は同じ質問に別々の値を求めていて、成り立ちません",
      "ページ「bus」の分岐5の条件（「ふだんの移動手段」）の比べ方「at_least」はこの種類の質問には使えません",
    ]));
  });

  it("refuses pages no route reaches and fees that point at the wrong question", () => {
    const definition = parse(SURVEY_FORM);
    definition.pages[0]!.routes.push({ when: [{ questionId: "travel", op: "equals", value: "walk" }], goTo: "comment" });
    definition.pages[0]!.routes.push({ when: [{ questionId: "travel", op: "answered" }], goTo: "comment" });
    expect(publishProblems(definition)).toContain("ページ「walk」にはどの道順でも進めません");
    const koseki = parse(KOSEKI_FORM);
    if (koseki.payment.timing !== "on_filing") throw new Error("fee form");
    koseki.payment.items[0]!.quantity = { kind: "answer", questionId: "honseki" };
    expect(publishProblems(koseki)).toContain("手数料の項目1（戸籍謄本・抄本）の数量は数値の質問を指してください");
  });

  it("routes through any number of branches", () => {
    const survey = parse(SURVEY_FORM);
    const ids = (answers: Record<string, unknown>) => pathOf(survey, answers).map((i) => survey.pages[i]!.id);
    expect(ids({ travel: "bus" })).toEqual(["travel", "bus", "comment"]);
    expect(ids({ travel: "car" })).toEqual(["travel", "car", "comment"]);
    expect(ids({ travel: "walk" })).toEqual(["travel", "walk", "comment"]);
    expect(ids({ travel: "other" })).toEqual(["travel", "comment"]);
  });

  it("computes the 戸籍 fee from the answers: 450円 × copies by kind, 750円 除籍, plus postage", () => {
    const koseki = parse(KOSEKI_FORM);
    const result = validateAnswers(koseki, {
      relation: "self", honseki: "北海道上川郡当麻町", head: "役場 太郎", purpose: "passport", phone: "0166-58-2111", accuracy: true,
      certificates: [{ kind: "tohon", copies: 2 }, { kind: "joseki", copies: 1 }, { kind: "shohon", copies: "1" }],
    }, { identity, today: "2026-12-01" });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(computeFee(koseki, result.answers)).toMatchObject({ total: 450 * 2 + 450 + 750 + 140 });
    expect(result.answers.reason).toBeUndefined();
  });

  it("drops answers left on pages the route no longer passes, and asks for the ones it does", () => {
    const koseki = parse(KOSEKI_FORM);
    const base = { honseki: "当麻町", head: "役場 太郎", purpose: "other", phone: "0166582111", accuracy: true, certificates: [{ kind: "tohon", copies: 1 }] };
    const self = validateAnswers(koseki, { ...base, relation: "self", reason: "相続のため" }, { identity });
    expect(self.ok && self.answers.reason).toBe(undefined);
    const other = validateAnswers(koseki, { ...base, relation: "other" }, { identity });
    expect(other).toMatchObject({ ok: false, problems: [{ questionId: "reason", code: "required", message: "「請求の理由」を入力してください" }] });
    const english = validateAnswers(koseki, { ...base, relation: "other" }, { identity: null, locale: "en" });
    expect(!english.ok && english.problems.map((p) => p.message)).toEqual(["“Applicant (from your My Number Card)” is filled in after the My Number Card check", "Enter “Reason for the request”"]);
  });

  it("renders check-your-answers with 和暦 dates and option labels", () => {
    const koseki = parse(KOSEKI_FORM);
    const result = validateAnswers(koseki, { relation: "lineal", honseki: "当麻町", head: "役場 太郎", purpose: "inheritance", phone: "0166582111", accuracy: true, certificates: [{ kind: "joseki", copies: 2 }] }, { identity });
    if (!result.ok) throw new Error("valid");
    const rows = answerRows(koseki, result.answers);
    expect(rows.find((r) => r.questionId === "applicant")!.value).toContain("昭和55年4月1日");
    expect(rows.find((r) => r.questionId === "relation")!.value).toBe("直系の親族（父母・子・祖父母・孫）");
    expect(rows.find((r) => r.questionId === "certificates")!.items![0]).toEqual({ heading: "証明書 1", rows: [{ label: "種類", value: "除籍謄本 750円" }, { label: "通数", value: "2 通" }] });
    expect(rows.find((r) => r.questionId === "certificates")!.pageId).toBe("certificates");
  });
});
