import { z } from "zod";
import { type AnswerOptions, type AnswersResult, validateAnswers } from "./answers";
import type { FormDefinition } from "./definition";
import { type Answers, nextPageIndex, pathOf } from "./routing";

/**
 * One screen of a form: the answers of a single page checked by the same validator as the whole form
 * (client-safe, so the screen and the save operation refuse exactly the same answers).
 */
function singlePage(definition: FormDefinition, pageIndex: number): FormDefinition {
  return { ...definition, pages: [{ ...definition.pages[pageIndex]!, routes: [] }] };
}

export function validatePageAnswers(definition: FormDefinition, pageIndex: number, input: unknown, options: AnswerOptions = {}): AnswersResult {
  return validateAnswers(singlePage(definition, pageIndex), input, options);
}

/** The same check as a zod schema (client screen and server operation share it). */
export function pageAnswersSchema(definition: FormDefinition, pageIndex: number, options: AnswerOptions = {}) {
  return z.unknown().transform((input, ctx) => {
    const result = validatePageAnswers(definition, pageIndex, input, options);
    if (result.ok) return result.answers;
    for (const problem of result.problems) ctx.addIssue({ code: "custom", message: problem.message, path: problem.path.split(".") });
    return z.NEVER;
  });
}

/** The questions whose answers a draft keeps (identity is filled from the card at filing, never stored). */
function storedIds(definition: FormDefinition, pageIndex: number): string[] {
  return definition.pages[pageIndex]!.questions.filter((q) => q.type !== "identity").map((q) => q.id);
}

/** A page's own answers among the form's (as typed or as stored): what its screen shows and its check reads. */
export function pageAnswersOf(definition: FormDefinition, pageIndex: number, answers: Answers): Answers {
  return Object.fromEntries(storedIds(definition, pageIndex).filter((id) => answers[id] !== undefined).map((id) => [id, answers[id]]));
}

/**
 * A page's checked answers merged into the draft's: the page's old answers are replaced, and answers left on pages
 * the new route no longer passes are dropped (routes only go forward, so later pages never decide earlier ones).
 */
export function mergePageAnswers(definition: FormDefinition, saved: Answers, pageIndex: number, pageAnswers: Answers): { answers: Answers; next: number | null } {
  const merged: Answers = { ...saved };
  for (const id of storedIds(definition, pageIndex)) delete merged[id];
  for (const id of storedIds(definition, pageIndex)) if (pageAnswers[id] !== undefined) merged[id] = pageAnswers[id];
  const onPath = new Set(pathOf(definition, merged).flatMap((index) => storedIds(definition, index)));
  const answers = Object.fromEntries(Object.entries(merged).filter(([id]) => onPath.has(id)));
  return { answers, next: nextPageIndex(definition, pageIndex, answers) };
}

/** Where a resident returns to: the saved page if it is still on the route, the start, or check-your-answers. */
export function resumeTarget(definition: FormDefinition, draft: { pageId: string | null; answers: unknown }): { page: string } | "check" {
  const answers = (draft.answers ?? {}) as Answers;
  const path = pathOf(definition, answers);
  if (draft.pageId === null) return Object.keys(answers).length === 0 ? { page: definition.pages[0]!.id } : "check";
  const index = definition.pages.findIndex((p) => p.id === draft.pageId);
  return path.includes(index) ? { page: draft.pageId } : { page: definition.pages[path[path.length - 1]!]!.id };
}

/** The page before this one on the resident's route (null on the first page). */
export function previousPageIndex(definition: FormDefinition, answers: Answers, pageIndex: number): number | null {
  const path = pathOf(definition, answers);
  const at = path.indexOf(pageIndex);
  return at > 0 ? path[at - 1]! : null;
}

/** Whether the page is reachable with these answers (a screen off the route is never shown or saved). */
export function isOnPath(definition: FormDefinition, answers: Answers, pageIndex: number): boolean {
  return pathOf(definition, answers).includes(pageIndex);
}

/**
 * After a change made from check-your-answers: the first page later on the route that the resident has not been
 * through before the change (a changed answer can route to a new page) or whose saved answers no longer pass, or
 * null when the route is complete and the resident goes straight back to check-your-answers.
 */
export function firstIncompletePageAfter(
  definition: FormDefinition,
  answers: Answers,
  pageIndex: number,
  { visited, ...options }: AnswerOptions & { visited: readonly number[] },
): number | null {
  const path = pathOf(definition, answers);
  for (const index of path.slice(path.indexOf(pageIndex) + 1)) {
    if (!visited.includes(index)) return index;
    if (!validatePageAnswers(definition, index, pageAnswersOf(definition, index, answers), options).ok) return index;
  }
  return null;
}
