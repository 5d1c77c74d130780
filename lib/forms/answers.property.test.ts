import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RESIDENT_LOCALES } from "@/lib/i18n/locale";
import { validateAnswers } from "./answers";
import { type FormDefinition, formDefinitionSchema, type LeafQuestion, type Question, textIn } from "./definition";
import { DEMO_FORM_DEFINITIONS } from "./demo-definitions";
import { answerRows } from "./render";
import { pathOf } from "./routing";

const TODAY = "2026-12-01";
const identity = { name: "役場 花子", address: "北海道上川郡当麻町3条東2丁目11番1号", birthDate: "1975-10-10", gender: "female" };
const CHARS = [..."あいうえおかきくけこ漢字町役場アイウabcXYZ019 -・（）"];
const textArb = (max: number, multiline = false) =>
  fc.array(fc.constantFrom(...CHARS, ...(multiline ? ["\n"] : [])), { minLength: 1, maxLength: Math.min(max, 30) }).map((c) => c.join("")).filter((s) => s.trim().length > 0);
const isoDate = (from: string, to: string) => fc.date({ min: new Date(`${from}T00:00:00Z`), max: new Date(`${to}T00:00:00Z`), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

function validValue(question: LeafQuestion | Question): fc.Arbitrary<unknown> {
  switch (question.type) {
    case "short_text": return textArb(question.maxLength);
    case "long_text": return textArb(question.maxLength, true);
    case "number": return fc.oneof(fc.integer({ min: question.min, max: question.max }), fc.integer({ min: question.min, max: question.max }).map(String));
    case "date": return question.past === "future_only" ? isoDate("2026-12-02", "2030-12-31") : question.past === "past_only" ? isoDate("1900-01-01", TODAY) : isoDate("1900-01-01", "2030-12-31");
    case "single_choice": return fc.constantFrom(...question.options.map((o) => o.value));
    case "multiple_choice": return fc.subarray(question.options.map((o) => o.value), { minLength: 1 });
    case "address": return fc.record({ postalCode: fc.stringMatching(/^\d{3}-?\d{4}$/), address: textArb(200) });
    case "phone": return fc.stringMatching(/^0\d{9,10}$/);
    case "email": return fc.tuple(fc.stringMatching(/^[a-z0-9]{1,12}$/), fc.stringMatching(/^[a-z]{1,10}$/), fc.constantFrom("jp", "com", "lg.jp")).map(([a, b, c]) => `${a}@${b}.${c}`);
    case "file": return fc.record({ fileId: fc.uuid({ version: 4 }), name: textArb(50), size: fc.integer({ min: 1, max: question.maxBytes }), type: fc.constantFrom(...question.accept) });
    case "consent": return fc.constant(true);
    case "identity": return fc.constant(undefined);
    case "group": return fc.array(fc.record(Object.fromEntries(question.questions.map((q) => [q.id, validValue(q)]))), { minLength: Math.max(1, question.minItems), maxLength: question.maxItems });
  }
}

/** A value the question must refuse (for a required question; for groups, a row with a refused cell). */
function invalidValue(question: LeafQuestion | Question): fc.Arbitrary<unknown> {
  switch (question.type) {
    case "short_text":
    case "long_text": return fc.oneof(fc.constant("制御\u0001文字"), fc.constant("あ".repeat(question.maxLength + 1)), fc.integer());
    case "number": return fc.oneof(fc.constant("十"), fc.constant(question.max + 1), fc.constant(question.min - 1), fc.constant(1.5));
    case "date": return fc.constantFrom("2026-02-30", "令和8年1月1日", "1800-01-01", ...(question.past === "future_only" ? ["2020-01-01"] : []));
    case "single_choice": return fc.constantFrom("nope", 3);
    case "multiple_choice": return fc.constantFrom(["nope"], "a");
    case "address": return fc.constantFrom({ postalCode: "12", address: "当麻町" }, { postalCode: "0780300", address: "" }, "当麻町");
    case "phone": return fc.constantFrom("12ab", "0120", "090-1234-56789");
    case "email": return fc.constantFrom("no-at-sign", "a@b", "a b@c.jp");
    case "file": return fc.constant({ fileId: "not-a-uuid", name: "x.pdf", size: 1, type: "application/pdf" });
    case "consent": return fc.constantFrom(false, "yes");
    case "identity": return fc.constant(undefined);
    case "group": return fc.constant("not rows");
  }
}

function answersArb(definition: FormDefinition): fc.Arbitrary<Record<string, unknown>> {
  const questions = definition.pages.flatMap((p) => p.questions).filter((q) => q.type !== "identity");
  return fc.record(Object.fromEntries(questions.map((q) => [q.id, validValue(q)])), { requiredKeys: questions.filter((q) => q.required).map((q) => q.id) });
}

for (const demo of DEMO_FORM_DEFINITIONS) {
  const definition = formDefinitionSchema.parse(demo.definition);
  // The snapshot as stored (jsonb) and read back.
  const snapshot = JSON.parse(JSON.stringify(definition)) as FormDefinition;

  describe(`answers to 「${definition.title.ja}」`, () => {
    it("that pass render on check-your-answers and round-trip through the snapshot", () => {
      fc.assert(
        fc.property(answersArb(definition), fc.constantFrom(...RESIDENT_LOCALES), (raw, locale) => {
          const result = validateAnswers(definition, raw, { identity, today: TODAY, locale });
          if (!result.ok) throw new Error(`valid answers refused: ${JSON.stringify(result.problems)}`);
          const rows = answerRows(snapshot, result.answers, locale);
          expect(rows.map((r) => r.questionId).sort()).toEqual(Object.keys(result.answers).sort());
          for (const row of rows) {
            expect(row.label.length).toBeGreaterThan(0);
            expect(row.value.length).toBeGreaterThan(0);
            expect(snapshot.pages.some((p) => p.id === row.pageId)).toBe(true);
          }
          const again = validateAnswers(snapshot, JSON.parse(JSON.stringify(result.answers)), { identity, today: TODAY, locale });
          expect(again).toEqual(result);
        }),
        { numRuns: 150 },
      );
    });

    it("that fail are refused with the question named", () => {
      const onPath = (raw: Record<string, unknown>) => pathOf(definition, raw).flatMap((i) => definition.pages[i]!.questions).filter((q) => q.type !== "identity");
      fc.assert(
        fc.property(
          answersArb(definition).chain((raw) => {
            const candidates = onPath(raw).filter((q) => q.required);
            return fc.tuple(fc.constant(raw), fc.constantFrom(...candidates)).chain(([r, q]) => fc.tuple(fc.constant(r), fc.constant(q), invalidValue(q), fc.constantFrom(...RESIDENT_LOCALES)));
          }),
          ([raw, question, bad, locale]) => {
            const broken = { ...raw, [question.id]: bad };
            // Corrupting a routing question can change the route; the refusal must still name it.
            const result = validateAnswers(definition, broken, { identity, today: TODAY, locale });
            expect(result.ok).toBe(false);
            if (result.ok) return;
            const named = result.problems.filter((p) => p.questionId === question.id || p.questionId.startsWith(`${question.id}.`));
            expect(named.length).toBeGreaterThan(0);
            expect(named[0]!.message).toContain(textIn(question.label, locale));
          },
        ),
        { numRuns: 150 },
      );
    });
  });
}

describe("answers that are not an object, or name questions the form does not have", () => {
  it("are refused", () => {
    const definition = formDefinitionSchema.parse(DEMO_FORM_DEFINITIONS[3]!.definition);
    expect(validateAnswers(definition, [1, 2]).ok).toBe(false);
    expect(validateAnswers(definition, { travel: "car", hacker: "x" })).toMatchObject({ ok: false, problems: [{ questionId: "hacker", code: "unknown_question" }] });
  });
});
