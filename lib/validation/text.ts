import { z } from "zod";

// Control characters PostgreSQL or a screen cannot hold (tab, LF and CR stay allowed in multi-line text).
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LINE_BREAKS = /[\r\n]/;
// With the u flag a well-formed surrogate pair is one code point, so only lone surrogates match.
const LONE_SURROGATE = /\p{Cs}/u;

export type TextRuleOptions = {
  /** What the field is called on screen, e.g. 「理由」; every message names it. */
  label: string;
  max: number;
  /** 0 (the default) allows an empty string; 1 or more makes the field required. */
  min?: number;
  /** Allow line breaks (reasons, notes); single-line fields refuse them. */
  multiline?: boolean;
};

/** Why a piece of text cannot be stored, in Japanese for staff, or null when it can. */
export function textProblem(value: string, label: string, options: { multiline?: boolean } = {}): string | null {
  if (value.includes("\u0000") || CONTROL_CHARACTERS.test(value)) return `${label}に使えない制御文字が含まれています`;
  if (LONE_SURROGATE.test(value)) return `${label}に壊れた文字（対になっていないサロゲート）が含まれています`;
  if (!options.multiline && LINE_BREAKS.test(value)) return `${label}に改行は入れられません`;
  return null;
}

/** True when the text holds no control character and no lone surrogate (line breaks allowed). */
export function isStorableText(value: string): boolean {
  return textProblem(value, "", { multiline: true }) === null;
}

/**
 * The one boundary rule for text: trimmed, within length, and free of control characters and lone surrogates
 * (which PostgreSQL refuses or silently turns into U+FFFD). Every schema, params and search params included, uses it.
 */
export function safeText(options: TextRuleOptions) {
  const { label, max, min = 0, multiline = false } = options;
  return z
    .string({ error: `${label}を入力してください` })
    .trim()
    .superRefine((value, context) => {
      const problem = textProblem(value, label, { multiline });
      if (problem) {
        context.addIssue({ code: "custom", message: problem, abort: true });
        return;
      }
      const length = [...value].length;
      if (length < min) {
        context.addIssue({ code: "custom", message: min <= 1 ? `${label}を入力してください` : `${label}は${min}文字以上で入力してください` });
      } else if (length > max) {
        context.addIssue({ code: "custom", message: `${label}は${max}文字以内にしてください` });
      }
    });
}

/** An optional search term: empty means no filter; a term that cannot be stored is refused like any text. */
export function searchText(options: { label?: string; max?: number } = {}) {
  return safeText({ label: options.label ?? "検索語", max: options.max ?? 100 }).optional();
}

/**
 * The first string in a JSON value (keys included) that cannot be stored, as "path: problem", or null. For
 * payloads kept whole (e.g. a LINE webhook event in jsonb), where PostgreSQL refuses NUL and lone surrogates.
 */
export function unstorableJsonText(value: unknown, path = "$"): string | null {
  if (typeof value === "string") {
    const problem = textProblem(value, path, { multiline: true });
    return problem;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const problem = unstorableJsonText(item, `${path}[${index}]`);
      if (problem) return problem;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (!isStorableText(key)) return textProblem(key, `${path} のキー`, { multiline: true });
      const problem = unstorableJsonText(item, `${path}.${key}`);
      if (problem) return problem;
    }
  }
  return null;
}

/** A copy of a JSON value whose strings can be stored: control characters and lone surrogates become U+FFFD. */
export function storableJsonCopy(value: unknown): unknown {
  if (typeof value === "string") return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|\p{Cs}/gu, "\uFFFD");
  if (Array.isArray(value)) return value.map(storableJsonCopy);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [storableJsonCopy(key) as string, storableJsonCopy(item)]));
  }
  return value;
}

/** A search term as a LIKE/ILIKE pattern literal: its \, % and _ match themselves (the default escape is \). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
