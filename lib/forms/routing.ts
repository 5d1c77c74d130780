import type { Condition, FormDefinition } from "./definition";

export type Answers = Record<string, unknown>;

/** Whether a condition holds for the answers given so far (an unanswered question holds only for not_answered). */
export function conditionHolds(condition: Condition, answers: Answers): boolean {
  const value = answers[condition.questionId];
  const answered = value !== undefined && value !== null && value !== "" && !(Array.isArray(value) && value.length === 0);
  switch (condition.op) {
    case "answered":
      return answered;
    case "not_answered":
      return !answered;
    case "equals":
      return answered && value === condition.value;
    case "not_equals":
      return answered && value !== condition.value;
    case "includes":
      return Array.isArray(value) && value.includes(condition.value);
    case "at_least":
      return typeof value === "number" && typeof condition.value === "number" && value >= condition.value;
    case "at_most":
      return typeof value === "number" && typeof condition.value === "number" && value <= condition.value;
  }
}

/** The page after `pageIndex` for these answers: the first route whose conditions all hold, else the next page; null is the end. */
export function nextPageIndex(definition: Pick<FormDefinition, "pages">, pageIndex: number, answers: Answers): number | null {
  const page = definition.pages[pageIndex]!;
  for (const route of page.routes) {
    if (route.when.every((condition) => conditionHolds(condition, answers))) {
      if (route.goTo === "end") return null;
      return definition.pages.findIndex((p) => p.id === route.goTo);
    }
  }
  return pageIndex + 1 < definition.pages.length ? pageIndex + 1 : null;
}

/** The pages a resident with these answers passes through, in order (routes only go forward, so this ends). */
export function pathOf(definition: Pick<FormDefinition, "pages">, answers: Answers): number[] {
  const path: number[] = [];
  for (let index: number | null = 0; index !== null && index >= 0 && !path.includes(index); index = nextPageIndex(definition, index, answers)) {
    path.push(index);
  }
  return path;
}
