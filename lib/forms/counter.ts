import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { forms, formSubmissions, formVersions } from "@/db/schema/forms";
import { GuardError, MESSAGES } from "@/lib/auth/guard";
import { defineOperation } from "@/lib/auth/operation";
import { newReference } from "@/lib/payments/reference";
import { recordCashPayment } from "@/lib/payments/service";
import { validateAnswers } from "./answers";
import { type FormDefinition, textIn } from "./definition";
import { counterSubmissionSchema } from "./counter-validations";
import { computeFee } from "./fees";
import { SUBMISSION_SUBJECT } from "./submissions";

/**
 * 窓口: a clerk enters a walk-in's paper form on the live version. The identity is typed from the paper and checked
 * against the ID shown; a fee due on filing is received in cash and recorded as a cash payment in the same
 * transaction, so the submission goes straight to review. Bad answers name the question and write nothing.
 */
export const fileFormAtCounter = defineOperation({
  action: "form.counter",
  schema: counterSubmissionSchema,
  departments: async (data, tx) => {
    const [form] = await tx.select({ departmentId: forms.departmentId }).from(forms).where(eq(forms.id, data.formId));
    if (!form) throw new GuardError(404, MESSAGES.notFound);
    return [form.departmentId];
  },
  async run({ data, tx }) {
    const [row] = await tx
      .select({ form: forms, version: formVersions })
      .from(forms)
      .innerJoin(formVersions, eq(formVersions.id, forms.liveVersionId))
      .where(and(eq(forms.id, data.formId), isNull(forms.archivedAt)));
    if (!row) throw new GuardError(409, "この様式は公開されていないため、受け付けられません。");
    const definition = row.version.definition as FormDefinition;
    if (definition.identity === "jpki" && !data.identity) throw new GuardError(400, "申請者の氏名・住所・生年月日を入力してください", { identity: ["申請者の氏名・住所・生年月日を入力してください"] });
    const identity = data.identity ? { name: data.identity.name, address: data.identity.address, birthDate: data.identity.birthDate, gender: data.identity.gender ?? null } : null;
    const checked = validateAnswers(definition, data.answers, { identity, locale: "ja" });
    if (!checked.ok) {
      const fieldErrors = Object.fromEntries(checked.problems.map((p) => [`answers.${p.path}`, [p.message]]));
      throw new GuardError(400, checked.problems[0]!.message, fieldErrors);
    }
    const fee = definition.payment.timing === "on_filing" ? computeFee(definition, checked.answers).total : definition.payment.timing === "none" ? 0 : null;
    if (fee && !data.cashReceived) throw new GuardError(400, `手数料 ${fee.toLocaleString("ja-JP")}円 を現金で受け取ったことを確認してください`, { cashReceived: ["現金で受け取ったことを確認してください"] });
    const now = new Date();
    const [submission] = await tx
      .insert(formSubmissions)
      .values({ reference: newReference("S"), formId: row.form.id, versionId: row.version.id, departmentId: row.form.departmentId, residentId: null, channel: "counter", answers: checked.answers, feeAmount: fee, feeFixedAt: fee === null ? null : now, status: "submitted", submittedAt: now })
      .returning();
    const payment = fee
      ? await recordCashPayment(tx, { subjectType: SUBMISSION_SUBJECT, subjectId: submission!.id, departmentId: row.form.departmentId, residentId: null, amount: fee, description: `${textIn(definition.title, "ja")}（${submission!.reference}）窓口・現金` })
      : null;
    const audit = [
      { action: "form_submission.counter_submit", entity: "form_submission", entityId: submission!.id, departmentId: row.form.departmentId, after: { reference: submission!.reference, version: row.version.version, fee, identityDocument: data.identityDocument, channel: "counter" } },
      ...(payment ? [{ action: "payment.cash_recorded", entity: "payment", entityId: payment.id, departmentId: row.form.departmentId, after: { amount: payment.amount, method: "cash", submissionId: submission!.id } }] : []),
    ];
    return { result: { submission: submission!, payment }, audit };
  },
});
