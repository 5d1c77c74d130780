import { type Condition, type FormDefinition, type Page, type Question } from "./definition";

/**
 * What must hold before a draft can be published, each problem named for staff (Japanese): ids unique, routes
 * forward only and able to hold, every page reachable, fee quantities pointing at the right kind of question.
 */
export function publishProblems(definition: FormDefinition): string[] {
  const problems: string[] = [];
  const pageIndex = new Map<string, number>();
  const questionAt = new Map<string, { question: Question; pageIndex: number }>();
  definition.pages.forEach((page, index) => {
    if (pageIndex.has(page.id)) problems.push(`ページID「${page.id}」が重複しています`);
    pageIndex.set(page.id, index);
    for (const question of page.questions) {
      if (questionAt.has(question.id)) problems.push(`質問ID「${question.id}」が重複しています`);
      questionAt.set(question.id, { question, pageIndex: index });
      const options = "options" in question ? question.options.map((o) => o.value) : [];
      if (new Set(options).size !== options.length) problems.push(`質問「${question.label.ja}」の選択肢の値が重複しています`);
      if (question.type === "group") {
        const inner = question.questions.map((q) => q.id);
        if (new Set(inner).size !== inner.length) problems.push(`グループ「${question.label.ja}」の中の質問IDが重複しています`);
        if (question.minItems > question.maxItems) problems.push(`グループ「${question.label.ja}」の最小件数が最大件数を超えています`);
      }
      if (question.type === "identity" && definition.identity !== "jpki") problems.push(`質問「${question.label.ja}」は本人確認（JPKI）のある様式でだけ使えます`);
      if (question.type === "number" && question.min > question.max) problems.push(`質問「${question.label.ja}」の最小値が最大値を超えています`);
    }
  });

  const conditionProblem = (condition: Condition, where: string, latestPage: number): string | null => {
    const found = questionAt.get(condition.questionId);
    if (!found) return `${where}の条件の質問「${condition.questionId}」がありません（この条件は成り立ちません）`;
    const { question } = found;
    const name = `${where}の条件（「${question.label.ja}」）`;
    if (found.pageIndex > latestPage) return `${name}は、まだ答えていない後のページの質問を見ています（この条件は成り立ちません）`;
    if (condition.op === "answered" || condition.op === "not_answered") return null;
    if (condition.value === undefined) return `${name}に比べる値がありません`;
    if (question.type === "single_choice" && (condition.op === "equals" || condition.op === "not_equals")) {
      return question.options.some((o) => o.value === condition.value) ? null : `${name}の値「${condition.value}」は選択肢にありません（この条件は成り立ちません）`;
    }
    if (question.type === "multiple_choice" && condition.op === "includes") {
      return question.options.some((o) => o.value === condition.value) ? null : `${name}の値「${condition.value}」は選択肢にありません（この条件は成り立ちません）`;
    }
    if (question.type === "number" && ["equals", "not_equals", "at_least", "at_most"].includes(condition.op)) {
      return typeof condition.value === "number" ? null : `${name}には数値を指定してください`;
    }
    if ((question.type === "short_text" || question.type === "email") && (condition.op === "equals" || condition.op === "not_equals")) return null;
    return `${name}の比べ方「${condition.op}」はこの種類の質問には使えません`;
  };

  const contradiction = (conditions: Condition[]): boolean =>
    conditions.some((a, i) => conditions.slice(i + 1).some((b) => a.questionId === b.questionId && a.op === "equals" && b.op === "equals" && a.value !== b.value));

  definition.pages.forEach((page: Page, index) => {
    page.routes.forEach((route, r) => {
      const where = `ページ「${page.id}」の分岐${r + 1}`;
      if (route.goTo !== "end") {
        const target = pageIndex.get(route.goTo);
        if (target === undefined) problems.push(`${where}の移動先ページ「${route.goTo}」がありません`);
        else if (target <= index) problems.push(`${where}は前のページ「${route.goTo}」へ戻っています（分岐は後ろのページへだけ進めます）`);
      }
      for (const condition of route.when) {
        const problem = conditionProblem(condition, where, index);
        if (problem) problems.push(problem);
      }
      if (contradiction(route.when)) problems.push(`${where}の条件は同じ質問に別々の値を求めていて、成り立ちません`);
    });
  });

  // A page falls through to the next only if some answer matches none of its routes: a route that always holds
  // (a required question on the page answered) or routes covering every option of a required choice rule it out.
  const fallsThrough = (page: Page): boolean => {
    const required = new Map(page.questions.filter((q) => q.required).map((q) => [q.id, q]));
    const single = page.routes.filter((r) => r.when.length === 1).map((r) => r.when[0]!);
    if (single.some((c) => c.op === "answered" && required.has(c.questionId))) return false;
    return ![...required.values()].some(
      (q) => q.type === "single_choice" && q.options.every((o) => single.some((c) => c.questionId === q.id && c.op === "equals" && c.value === o.value)),
    );
  };

  // Reachability: from the first page, along every route and the fall-through to the next page.
  const reached = new Set<number>([0]);
  for (let index = 0; index < definition.pages.length; index++) {
    if (!reached.has(index)) continue;
    const page = definition.pages[index]!;
    for (const route of page.routes) if (route.goTo !== "end" && pageIndex.has(route.goTo)) reached.add(pageIndex.get(route.goTo)!);
    if (index + 1 < definition.pages.length && fallsThrough(page)) reached.add(index + 1);
  }
  definition.pages.forEach((page, index) => {
    if (!reached.has(index)) problems.push(`ページ「${page.id}」にはどの道順でも進めません`);
  });

  if (definition.payment.timing !== "none") {
    definition.payment.items.forEach((item, i) => {
      const where = `手数料の項目${i + 1}（${item.label.ja}）`;
      const quantity = item.quantity;
      if (quantity.kind === "answer" && questionAt.get(quantity.questionId)?.question.type !== "number") problems.push(`${where}の数量は数値の質問を指してください`);
      if (quantity.kind === "count" || quantity.kind === "group_sum") {
        const group = questionAt.get(quantity.groupId)?.question;
        if (group?.type !== "group") problems.push(`${where}はグループの質問を指してください`);
        else if (quantity.kind === "group_sum") {
          if (group.questions.find((q) => q.id === quantity.questionId)?.type !== "number") problems.push(`${where}の数量はグループ内の数値の質問を指してください`);
          if (quantity.where) {
            const filter = group.questions.find((q) => q.id === quantity.where!.questionId);
            if (filter?.type !== "single_choice" || !filter.options.some((o) => o.value === quantity.where!.equals)) problems.push(`${where}の絞り込みはグループ内の選択肢の値を指してください`);
          }
        }
      }
      for (const condition of item.when) {
        const problem = conditionProblem(condition, where, definition.pages.length - 1);
        if (problem) problems.push(problem);
      }
    });
  }
  if (definition.delivery === "mail" && definition.identity !== "jpki" && ![...questionAt.values()].some(({ question }) => question.type === "address")) {
    problems.push("郵送する様式には住所の質問（または本人確認）が必要です");
  }
  return problems;
}
