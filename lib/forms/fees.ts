import type { ResidentLocale } from "@/lib/i18n/locale";
import { type FeeItem, type FormDefinition, textIn } from "./definition";
import { type Answers, conditionHolds } from "./routing";

export type FeeLine = { label: string; unitAmount: number; quantity: number; amount: number };
export type FeeQuote = { lines: FeeLine[]; total: number };

function quantityOf(item: FeeItem, answers: Answers): number {
  const q = item.quantity;
  if (q.kind === "fixed") return q.value;
  if (q.kind === "answer") return typeof answers[q.questionId] === "number" ? (answers[q.questionId] as number) : 0;
  const rows = Array.isArray(answers[q.groupId]) ? (answers[q.groupId] as Answers[]) : [];
  if (q.kind === "count") return rows.length;
  return rows
    .filter((row) => !q.where || row[q.where.questionId] === q.where.equals)
    .reduce((sum, row) => sum + (typeof row[q.questionId] === "number" ? (row[q.questionId] as number) : 0), 0);
}

/** The fee for validated answers, e.g. 戸籍謄本 450円 × copies + postage; items whose conditions fail or count 0 drop out. */
export function computeFee(definition: Pick<FormDefinition, "payment">, answers: Answers, locale: ResidentLocale = "ja"): FeeQuote {
  if (definition.payment.timing === "none") return { lines: [], total: 0 };
  const lines = definition.payment.items
    .filter((item) => item.when.every((condition) => conditionHolds(condition, answers)))
    .map((item) => {
      const quantity = quantityOf(item, answers);
      return { label: textIn(item.label, locale), unitAmount: item.unitAmount, quantity, amount: item.unitAmount * quantity };
    })
    .filter((line) => line.quantity > 0);
  return { lines, total: lines.reduce((sum, line) => sum + line.amount, 0) };
}
