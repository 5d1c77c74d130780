import { z } from "zod";
import { isIsoDate } from "@/lib/dates/wareki";
import type { ResidentLocale } from "@/lib/i18n/locale";
import { textProblem } from "@/lib/validation/text";
import { type FormDefinition, type LeafQuestion, type Question, textIn } from "./definition";
import { type AnswerProblemCode, FORM_MESSAGES } from "./messages";
import { type Answers, nextPageIndex } from "./routing";

/** The verified JPKI 基本4情報 an identity question is filled from (never typed by the resident). */
export type IdentityAnswer = { name: string; address: string; birthDate: string; gender: string | null };
export type AddressAnswer = { postalCode: string; address: string };
export type FileAnswer = { fileId: string; name: string; size: number; type: string };

export type AnswerProblem = { path: string; questionId: string; code: AnswerProblemCode; message: string };
export type AnswerOptions = {
  locale?: ResidentLocale; identity?: IdentityAnswer | null; today?: string;
  /** On filing: the resident's clean attachments by id (lib/forms/attachments.ts); a file answer must name one uploaded for its question. */
  attachments?: ReadonlyMap<string, FileAnswer & { questionId: string }>;
};
export type AnswersResult = { ok: true; answers: Answers; path: number[] } | { ok: false; problems: AnswerProblem[] };

type Checked = { ok: true; value: unknown } | { ok: true; value: undefined } | { ok: false; code: AnswerProblemCode; detail?: string | number };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
const unanswered = (value: unknown) => value === undefined || value === null || (typeof value === "string" && value.trim() === "") || (Array.isArray(value) && value.length === 0);

export function todayInJapan(at = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

function text(value: unknown, max: number, multiline: boolean): Checked {
  if (typeof value !== "string") return { ok: false, code: "not_text" };
  const trimmed = value.trim();
  if (textProblem(trimmed, "", { multiline })) return { ok: false, code: "not_text" };
  if ([...trimmed].length > max) return { ok: false, code: "too_long", detail: max };
  return { ok: true, value: trimmed };
}

/** One answer, normalised (trimmed text, ordered choices, digits-only postal code), or why it is refused. */
function checkLeaf(question: LeafQuestion | Question, value: unknown, today: string): Checked {
  switch (question.type) {
    case "short_text":
    case "long_text":
      return text(value, question.maxLength, question.type === "long_text");
    case "number": {
      const n = typeof value === "string" && /^-?\d{1,9}$/.test(value.trim()) ? Number(value.trim()) : value;
      if (typeof n !== "number" || !Number.isSafeInteger(n)) return { ok: false, code: "not_a_number" };
      if (n < question.min) return { ok: false, code: "too_small", detail: question.min };
      if (n > question.max) return { ok: false, code: "too_large", detail: question.max };
      return { ok: true, value: n };
    }
    case "date":
      if (typeof value !== "string" || !isIsoDate(value) || value < "1873-01-01") return { ok: false, code: "bad_date" };
      if (question.past === "past_only" && value > today) return { ok: false, code: "not_past" };
      if (question.past === "future_only" && value <= today) return { ok: false, code: "not_future" };
      return { ok: true, value };
    case "single_choice":
      return typeof value === "string" && question.options.some((o) => o.value === value) ? { ok: true, value } : { ok: false, code: "not_an_option" };
    case "multiple_choice": {
      if (!Array.isArray(value) || !value.every((v) => typeof v === "string" && question.options.some((o) => o.value === v))) return { ok: false, code: "not_an_option" };
      const chosen = question.options.map((o) => o.value).filter((v) => value.includes(v));
      if (question.maxSelected && chosen.length > question.maxSelected) return { ok: false, code: "too_many_choices", detail: question.maxSelected };
      return { ok: true, value: chosen };
    }
    case "address": {
      const v = value as Partial<AddressAnswer> | null;
      if (typeof v !== "object" || v === null || typeof v.postalCode !== "string") return { ok: false, code: "bad_postal_code" };
      const postal = v.postalCode.trim().replace(/[-ー－]/g, "");
      if (!/^\d{7}$/.test(postal)) return { ok: false, code: "bad_postal_code" };
      const address = text(v.address, 200, false);
      if (!address.ok || !address.value) return { ok: false, code: "bad_address" };
      return { ok: true, value: { postalCode: postal, address: address.value } };
    }
    case "phone": {
      if (typeof value !== "string") return { ok: false, code: "bad_phone" };
      const trimmed = value.trim();
      const digits = trimmed.replace(/-/g, "");
      if (!/^[\d-]+$/.test(trimmed) || !/^0\d{9,10}$/.test(digits)) return { ok: false, code: "bad_phone" };
      return { ok: true, value: trimmed };
    }
    case "email":
      return typeof value === "string" && value.trim().length <= 254 && EMAIL.test(value.trim()) && !textProblem(value.trim(), "") ? { ok: true, value: value.trim() } : { ok: false, code: "bad_email" };
    case "file": {
      const f = value as Partial<FileAnswer> | null;
      const ok = typeof f === "object" && f !== null && typeof f.fileId === "string" && UUID.test(f.fileId) && typeof f.name === "string" && f.name.length > 0 && f.name.length <= 200 && !textProblem(f.name, "")
        && typeof f.size === "number" && Number.isInteger(f.size) && f.size > 0 && f.size <= question.maxBytes && typeof f.type === "string" && (question.accept as string[]).includes(f.type);
      return ok ? { ok: true, value: { fileId: f.fileId, name: f.name, size: f.size, type: f.type } } : { ok: false, code: "bad_file" };
    }
    case "consent":
      return value === true ? { ok: true, value: true } : { ok: false, code: "must_consent" };
    case "identity":
    case "group":
      return { ok: false, code: "unknown_question" };
  }
}

/** A file answer names a stored attachment; its name, size and type are the stored ones, not what the client sent. */
function checkAttachment(question: Extract<Question, { type: "file" }>, value: unknown, attachments: NonNullable<AnswerOptions["attachments"]>): Checked {
  const fileId = typeof value === "object" && value !== null ? (value as Partial<FileAnswer>).fileId : undefined;
  const found = typeof fileId === "string" ? attachments.get(fileId) : undefined;
  if (!found || found.questionId !== question.id || found.size > question.maxBytes || !(question.accept as string[]).includes(found.type)) return { ok: false, code: "bad_file" };
  return { ok: true, value: { fileId: found.fileId, name: found.name, size: found.size, type: found.type } };
}

/**
 * Checks a full set of answers against a snapshot: only the pages on the resident's route count (answers left on
 * pages the route no longer passes are dropped), each answer is normalised, and every refusal names its question.
 */
export function validateAnswers(definition: FormDefinition, input: unknown, options: AnswerOptions = {}): AnswersResult {
  const locale = options.locale ?? "ja";
  const today = options.today ?? todayInJapan();
  const words = FORM_MESSAGES[locale].problems;
  const problems: AnswerProblem[] = [];
  const refuse = (path: string, questionId: string, label: string, code: AnswerProblemCode, detail?: string | number) => problems.push({ path, questionId, code, message: words[code](label, detail) });
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, problems: [{ path: "", questionId: "", code: "unknown_question", message: words.unknown_question("") }] };
  }
  const raw = input as Answers;
  const known = new Set(definition.pages.flatMap((p) => p.questions.map((q) => q.id)));
  for (const key of Object.keys(raw)) if (!known.has(key)) refuse(key, key, key, "unknown_question");

  const answers: Answers = {};
  const path: number[] = [];
  for (let index: number | null = 0; index !== null && index >= 0 && !path.includes(index); index = nextPageIndex(definition, index, answers)) {
    path.push(index);
    for (const question of definition.pages[index]!.questions) {
      const label = textIn(question.label, locale);
      if (question.type === "identity") {
        if (options.identity) answers[question.id] = options.identity;
        else refuse(question.id, question.id, label, "no_identity");
        continue;
      }
      const value = raw[question.id];
      if (question.type === "group") {
        const rows = value === undefined || value === null ? [] : value;
        if (!Array.isArray(rows) || !rows.every((row) => typeof row === "object" && row !== null && !Array.isArray(row))) {
          refuse(question.id, question.id, label, "too_few_items", question.minItems);
          continue;
        }
        if (rows.length === 0 && !question.required) continue;
        if (rows.length < Math.max(question.minItems, question.required ? 1 : 0)) refuse(question.id, question.id, label, "too_few_items", Math.max(question.minItems, 1));
        if (rows.length > question.maxItems) refuse(question.id, question.id, label, "too_many_items", question.maxItems);
        const cleanRows = rows.map((row: Answers, r) => {
          const clean: Answers = {};
          for (const key of Object.keys(row)) if (!question.questions.some((q) => q.id === key)) refuse(`${question.id}.${r}.${key}`, `${question.id}.${key}`, key, "unknown_question");
          for (const inner of question.questions) {
            const innerLabel = `${textIn(question.itemLabel, locale)} ${r + 1}: ${textIn(inner.label, locale)}`;
            const pathName = `${question.id}.${r}.${inner.id}`;
            if (unanswered(row[inner.id])) {
              if (inner.required) refuse(pathName, `${question.id}.${inner.id}`, innerLabel, "required");
              continue;
            }
            const checked = checkLeaf(inner, row[inner.id], today);
            if (checked.ok) clean[inner.id] = checked.value;
            else refuse(pathName, `${question.id}.${inner.id}`, innerLabel, checked.code, checked.detail);
          }
          return clean;
        });
        answers[question.id] = cleanRows;
        continue;
      }
      if (unanswered(value) || (question.type === "consent" && value === false && !question.required)) {
        if (question.required) refuse(question.id, question.id, label, question.type === "consent" ? "must_consent" : "required");
        continue;
      }
      const checked = question.type === "file" && options.attachments ? checkAttachment(question, value, options.attachments) : checkLeaf(question, value, today);
      if (checked.ok) answers[question.id] = checked.value;
      else refuse(question.id, question.id, label, checked.code, checked.detail);
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, answers, path };
}

/** The same check as a zod schema (client form and server action share it); issues carry the question's path. */
export function answersSchema(definition: FormDefinition, options: AnswerOptions = {}) {
  return z.unknown().transform((input, ctx) => {
    const result = validateAnswers(definition, input, options);
    if (result.ok) return result.answers;
    for (const problem of result.problems) ctx.addIssue({ code: "custom", message: problem.message, path: problem.path.split(".") });
    return z.NEVER;
  });
}
