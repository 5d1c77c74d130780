import { z } from "zod";
import { type FormDefinitionInput, formDefinitionSchema, type QuestionType } from "./definition";

/**
 * The staff editor's side of the definition: what HTML inputs give (empty strings, NaN, text for numbers) is
 * normalised before the one formDefinitionSchema parses it, in the browser and again on the server.
 */

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const blank = (value: unknown) => value === undefined || value === null || (typeof value === "string" && value.trim() === "");

/** Drops empty translations (residents then see 日本語); an optional text left wholly empty is dropped. */
function localized(value: unknown, optional: boolean): unknown {
  if (!isObject(value)) return value;
  const out: Json = { ...value };
  for (const lang of ["ja-easy", "en"]) if (blank(out[lang])) delete out[lang];
  if (optional && Object.keys(out).every((key) => blank(out[key]))) return undefined;
  return out;
}

/** An empty box means "not set" (the schema's default applies); anything not a number is left for the schema to name. */
const number = (value: unknown) => (blank(value) ? undefined : value);

function questionOf(raw: unknown, numberQuestions: Set<string>): unknown {
  if (!isObject(raw)) return raw;
  const q: Json = { ...raw, label: localized(raw.label, false), help: localized(raw.help, true) };
  if ("unit" in q) q.unit = localized(q.unit, true);
  for (const key of ["maxLength", "min", "max", "maxSelected", "maxBytes", "minItems", "maxItems"]) if (key in q) q[key] = number(q[key]);
  if (Array.isArray(q.options)) q.options = q.options.map((o) => (isObject(o) ? { ...o, label: localized(o.label, false) } : o));
  if ("statement" in q) q.statement = localized(q.statement, false);
  if ("itemLabel" in q) q.itemLabel = localized(q.itemLabel, false);
  if (Array.isArray(q.questions)) q.questions = q.questions.map((inner) => questionOf(inner, numberQuestions));
  for (const key of Object.keys(q)) if (q[key] === undefined) delete q[key];
  if (q.type === "number" && typeof q.id === "string") numberQuestions.add(q.id);
  return q;
}

/** A condition's value: none for answered/not_answered, a number when it is compared with a number question. */
function conditionOf(raw: unknown, numberQuestions: Set<string>): unknown {
  if (!isObject(raw)) return raw;
  const c: Json = { ...raw };
  if (c.op === "answered" || c.op === "not_answered" || blank(c.value)) delete c.value;
  else if (typeof c.value === "string" && typeof c.questionId === "string" && numberQuestions.has(c.questionId) && /^-?\d+$/.test(c.value.trim())) c.value = Number(c.value.trim());
  return c;
}

export function normalizeDefinitionInput(raw: unknown): unknown {
  if (!isObject(raw)) return raw;
  const numberQuestions = new Set<string>();
  const pages = Array.isArray(raw.pages)
    ? raw.pages.map((page) => (isObject(page) ? { ...page, title: localized(page.title, true), questions: Array.isArray(page.questions) ? page.questions.map((q) => questionOf(q, numberQuestions)) : page.questions } : page))
    : raw.pages;
  const withRoutes = Array.isArray(pages)
    ? pages.map((page) => {
        if (!isObject(page)) return page;
        const out: Json = { ...page, routes: Array.isArray(page.routes) ? page.routes.map((r) => (isObject(r) && Array.isArray(r.when) ? { ...r, when: r.when.map((c) => conditionOf(c, numberQuestions)) } : r)) : page.routes };
        if (out.title === undefined) delete out.title;
        return out;
      })
    : pages;
  let payment = raw.payment;
  if (isObject(payment)) {
    if (payment.timing === "none") payment = { timing: "none" };
    else if (Array.isArray(payment.items)) {
      payment = {
        ...payment,
        items: payment.items.map((item) => {
          if (!isObject(item)) return item;
          let quantity = item.quantity;
          if (isObject(item.quantity)) {
            const q: Json = { ...item.quantity, value: number(item.quantity.value) };
            if (isObject(q.where) && blank(q.where.questionId) && blank(q.where.equals)) delete q.where;
            for (const key of Object.keys(q)) if (q[key] === undefined) delete q[key];
            quantity = q;
          }
          return { ...item, label: localized(item.label, false), unitAmount: number(item.unitAmount), quantity, when: Array.isArray(item.when) ? item.when.map((c) => conditionOf(c, numberQuestions)) : item.when };
        }),
      };
    }
  }
  const out: Json = { ...raw, title: localized(raw.title, false), description: localized(raw.description, true), draftDays: number(raw.draftDays), payment, pages: withRoutes };
  for (const key of ["description", "draftDays"]) if (out[key] === undefined) delete out[key];
  return out;
}

/** The editor's schema: the same formDefinitionSchema the server parses, after the inputs are normalised. */
export const editorDefinitionSchema = z.preprocess(normalizeDefinitionInput, formDefinitionSchema);

/** Where a field sits, in words staff recognise: 「ページ2（bus）の質問1（bus_trips）の選択肢3」. */
export function describeFieldPath(path: readonly (string | number)[], definition: FormDefinitionInput | undefined): string {
  const parts: string[] = [];
  const at = (i: number) => Number(path[i]);
  if (path[0] === "pages" && path.length > 1) {
    const page = definition?.pages?.[at(1)];
    parts.push(`ページ${at(1) + 1}${page?.id ? `（${page.id}）` : ""}`);
    if (path[2] === "questions" && path.length > 3) {
      const question = page?.questions?.[at(3)];
      parts.push(`質問${at(3) + 1}${question?.id ? `（${question.id}）` : ""}`);
      if (path[4] === "questions" && path.length > 5) parts.push(`グループ内の質問${at(5) + 1}`);
      const optionAt = path.indexOf("options");
      if (optionAt > 0 && path.length > optionAt + 1) parts.push(`選択肢${at(optionAt + 1) + 1}`);
    }
    if (path[2] === "routes" && path.length > 3) {
      parts.push(`分岐${at(3) + 1}`);
      if (path[4] === "when" && path.length > 5) parts.push(`条件${at(5) + 1}`);
    }
  } else if (path[0] === "payment") {
    parts.push("手数料");
    if (path[1] === "items" && path.length > 2) parts.push(`項目${at(2) + 1}`);
    if (path[3] === "when" && path.length > 4) parts.push(`条件${at(4) + 1}`);
  } else {
    parts.push("様式の設定");
  }
  return parts.join("の");
}

const blankText = () => ({ ja: "", "ja-easy": "", en: "" });

/** A new question of a type with the settings that type needs, keeping what staff already wrote. */
export function newQuestion(type: QuestionType, keep: { id: string; label?: unknown; help?: unknown; required?: boolean }): Json {
  const base: Json = { id: keep.id, type, label: keep.label ?? blankText(), help: keep.help ?? blankText(), required: keep.required ?? true };
  const option = (n: number) => ({ value: `option${n}`, label: { ja: `選択肢${n}`, "ja-easy": "", en: "" } });
  switch (type) {
    case "short_text":
      return { ...base, maxLength: 100 };
    case "long_text":
      return { ...base, maxLength: 1000 };
    case "number":
      return { ...base, min: 0, max: 100, unit: blankText() };
    case "date":
      return { ...base, past: "any" };
    case "single_choice":
      return { ...base, options: [option(1), option(2)] };
    case "multiple_choice":
      return { ...base, options: [option(1), option(2)] };
    case "file":
      return { ...base, accept: ["application/pdf", "image/jpeg", "image/png"], maxBytes: 5 * 1024 * 1024 };
    case "consent":
      return { ...base, statement: blankText() };
    case "group":
      return { ...base, itemLabel: { ja: "1件", "ja-easy": "", en: "" }, minItems: 1, maxItems: 10, questions: [{ id: "item", type: "short_text", label: { ja: "品目", "ja-easy": "", en: "" }, required: true, maxLength: 100 }] };
    default:
      return base;
  }
}

/** The smallest definition a new form starts with: one page with one short question. */
export function starterDefinition(title: string): FormDefinitionInput {
  return {
    title: { ja: title },
    identity: "none",
    delivery: "none",
    payment: { timing: "none" },
    draftDays: 14,
    pages: [{ id: "page1", questions: [{ id: "question1", type: "short_text", label: { ja: "質問1" }, required: true, maxLength: 100 }], routes: [] }],
  };
}

/** A fresh id not yet used in the list, e.g. page3. */
export function nextId(prefix: string, used: readonly string[]): string {
  for (let n = used.length + 1; ; n++) if (!used.includes(`${prefix}${n}`)) return `${prefix}${n}`;
}

/** Every message in a nested error object (react-hook-form's shape), with the path it sits at. */
export function flattenFieldErrors(errors: unknown, path: (string | number)[] = []): { path: (string | number)[]; message: string }[] {
  if (typeof errors !== "object" || errors === null) return [];
  const node = errors as Record<string, unknown>;
  const own = typeof node.message === "string" && node.message ? [{ path, message: node.message }] : [];
  const children = Object.entries(node)
    .filter(([key]) => !["message", "type", "ref", "types"].includes(key))
    .flatMap(([key, child]) => flattenFieldErrors(child, key === "root" ? path : [...path, /^\d+$/.test(key) ? Number(key) : key]));
  return [...own, ...children];
}

/** Server field errors arrive as "definition.pages.0…"; the editor's fields start at the definition. */
export function definitionFieldErrors(fieldErrors: Record<string, string[]> | undefined): Record<string, string[]> | undefined {
  if (!fieldErrors) return undefined;
  return Object.fromEntries(Object.entries(fieldErrors).map(([key, messages]) => [key.startsWith("definition.") ? key.slice("definition.".length) : key, messages]));
}
