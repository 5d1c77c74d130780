import { formatWareki } from "@/lib/dates/wareki";
import type { ResidentLocale } from "@/lib/i18n/locale";
import type { AddressAnswer, FileAnswer, IdentityAnswer } from "./answers";
import { type FormDefinition, type LeafQuestion, type Question, textIn } from "./definition";
import { FORM_MESSAGES } from "./messages";
import type { Answers } from "./routing";

/** One row of check-your-answers: the question, the answer as text, and the page its change link opens. */
export type AnswerRow = { questionId: string; pageId: string; label: string; value: string; items?: { heading: string; rows: { label: string; value: string }[] }[] };

function display(question: LeafQuestion | Question, value: unknown, locale: ResidentLocale): string {
  const t = FORM_MESSAGES[locale];
  switch (question.type) {
    case "date":
      // 和暦 for Japanese readers, with the Western date beside it.
      return locale === "en" ? String(value) : `${formatWareki(String(value))}（${String(value).replaceAll("-", "/")}）`;
    case "number":
      return `${(value as number).toLocaleString(locale === "en" ? "en-US" : "ja-JP")}${question.unit ? ` ${textIn(question.unit, locale)}` : ""}`;
    case "single_choice":
      return textIn(question.options.find((o) => o.value === value)!.label, locale);
    case "multiple_choice":
      return (value as string[]).map((v) => textIn(question.options.find((o) => o.value === v)!.label, locale)).join(locale === "en" ? ", " : "、");
    case "address": {
      const a = value as AddressAnswer;
      return `〒${a.postalCode.slice(0, 3)}-${a.postalCode.slice(3)} ${a.address}`;
    }
    case "file": {
      const f = value as FileAnswer;
      return `${f.name}（${Math.ceil(f.size / 1024).toLocaleString()} KB）`;
    }
    case "consent":
      return t.consentGiven;
    case "identity": {
      const i = value as IdentityAnswer;
      return [i.name, i.address, locale === "en" ? i.birthDate : formatWareki(i.birthDate)].join(" / ");
    }
    case "group":
      return "";
    default:
      return String(value);
  }
}

/** Check your answers: every answered question on the route, in order, as the resident sees it. */
export function answerRows(definition: FormDefinition, answers: Answers, locale: ResidentLocale = "ja"): AnswerRow[] {
  const rows: AnswerRow[] = [];
  for (const page of definition.pages) {
    for (const question of page.questions) {
      const value = answers[question.id];
      if (value === undefined) continue;
      const label = textIn(question.label, locale);
      if (question.type === "group") {
        const items = (value as Answers[]).map((row, i) => ({
          heading: FORM_MESSAGES[locale].itemHeading(textIn(question.itemLabel, locale), i + 1),
          rows: question.questions.filter((q) => row[q.id] !== undefined).map((q) => ({ label: textIn(q.label, locale), value: display(q, row[q.id], locale) })),
        }));
        rows.push({ questionId: question.id, pageId: page.id, label, value: String(items.length), items });
      } else {
        rows.push({ questionId: question.id, pageId: page.id, label, value: display(question, value, locale) });
      }
    }
  }
  return rows;
}
