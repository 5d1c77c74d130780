"use client";

import { useState } from "react";
import { useWatch } from "react-hook-form";
import { useActionForm } from "@/components/forms/use-action-form";
import { DECISION_BUTTON_LABELS, DecisionChoices, ReasonFields } from "@/components/review/decision-fields";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { InputField, SelectField } from "@/components/ui/field";
import { completeSubmissionAction, decideSubmissionAction, fixFeeAction } from "@/lib/forms/review-actions";
import { completeSubmissionSchema, fixFeeSchema, submissionDecisionSchema } from "@/lib/forms/review-validations";
import type { ReviewDecision } from "@/lib/review/decisions";

const TEMPLATES = {
  reject: ["申請の要件を満たしていないため、お受けできません。", "同じ内容の申請をすでにお受けしているため、この申請はお受けできません。", "ご本人または代理の権限を確認できないため、お受けできません。"],
  return: ["記載内容に不足があります。内容を確認のうえ、もう一度申請してください。", "添付書類が読み取れません。はっきり写るように撮影し、もう一度申請してください。", "収集する品目の内容を確認させてください。品目と個数を直して、もう一度申請してください。"],
} as const;

type Outcome = { status: string; refund: { ok: true; amount: number; refundStatus: string | null } | { ok: false; code: string } | null };

const REFUND_FAILED: Record<string, string> = {
  provider_unavailable: "決済事業者に接続できず、返金できませんでした。決済の一覧から返金をやり直してください。",
  already_refunded: "この手数料はすでに返金されています。",
  not_paid: "納付が確認できないため、返金はありません。",
};

function refundMessage(refund: Outcome["refund"]): { tone: "success" | "warning" | "error"; text: string } | null {
  if (!refund) return null;
  if (!refund.ok) return { tone: "error", text: REFUND_FAILED[refund.code] ?? "返金できませんでした。" };
  return refund.refundStatus === "success"
    ? { tone: "success", text: `納付済みの手数料 ${refund.amount.toLocaleString("ja-JP")}円 を返金しました。` }
    : { tone: "warning", text: `納付済みの手数料 ${refund.amount.toLocaleString("ja-JP")}円 の返金を依頼しました（決済事業者の処理待ち）。` };
}

/** 承認・差し戻し・却下; a rejected paid submission is refunded and the refund's outcome is shown here. */
export function SubmissionDecisionForm({ submissionId, lineFiler, paid }: { submissionId: string; lineFiler: boolean; paid: boolean }) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const { form, submit, formError } = useActionForm({ schema: submissionDecisionSchema, action: decideSubmissionAction, defaultValues: { submissionId }, onSuccess: setOutcome });
  const decision = useWatch({ control: form.control, name: "decision" }) as ReviewDecision | undefined;
  const errors = form.formState.errors as Partial<Record<"reason" | "decision" | "submissionId", { message?: string }>>;
  const setReason = (text: string) => form.setValue("reason", text, { shouldValidate: form.formState.isSubmitted, shouldDirty: true });
  const refund = refundMessage(outcome?.refund ?? null);
  if (outcome) {
    return (
      <div className="flex flex-col gap-3">
        <Alert tone="success" title={{ approved: "承認しました。", rejected: "却下しました。", returned: "差し戻しました。" }[outcome.status] ?? "登録しました。"}>
          {lineFiler ? "LINEで申請した方にメッセージを送ります。" : null}
        </Alert>
        {refund ? <Alert tone={refund.tone} title={refund.text} /> : null}
      </div>
    );
  }
  return (
    <form noValidate className="flex flex-col gap-4" onSubmit={submit}>
      {formError ? <Alert tone="error" title={formError} /> : null}
      <input type="hidden" {...form.register("submissionId")} />
      <DecisionChoices
        choices={[["approve", "承認する"], ["return", "差し戻す（申請者が直して再提出）"], ["reject", paid ? "却下する（納付済みの手数料は返金します）" : "却下する"]]}
        registration={form.register("decision", { onChange: () => { setReason(""); form.clearErrors(); } })}
        error={errors.decision?.message}
      />
      {decision === "reject" || decision === "return" ? (
        <ReasonFields
          templates={TEMPLATES[decision]}
          label={lineFiler ? "理由（LINEで申請者に届きます）" : "理由（記録に残ります。申請者には窓口や電話でお伝えください）"}
          registration={form.register("reason")}
          error={errors.reason?.message}
          onTemplate={setReason}
        />
      ) : null}
      <div>
        <Button type="submit" variant={decision === "reject" ? "danger" : "primary"} disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? "登録しています…" : decision ? DECISION_BUTTON_LABELS[decision] : "判断を登録する"}
        </Button>
      </div>
    </form>
  );
}

/** 事後決済: the fee staff fix after confirming the request; the resident gets a LINE message with the pay link. */
export function FixFeeForm({ submissionId, estimate }: { submissionId: string; estimate: number | null }) {
  const [done, setDone] = useState<number | null>(null);
  const { form, submit, formError } = useActionForm({ schema: fixFeeSchema, action: fixFeeAction, defaultValues: { submissionId }, onSuccess: (data) => setDone(data.feeAmount) });
  const errors = form.formState.errors as Partial<Record<"amount", { message?: string }>>;
  if (done !== null) return <Alert tone="success" title={`手数料を ${done.toLocaleString("ja-JP")}円 に確定しました。`}>{done > 0 ? "LINEで申請した方には、納付のページへのリンクを送ります。" : "納付の必要はありません。"}</Alert>;
  return (
    <form noValidate className="flex flex-col gap-3" onSubmit={submit}>
      {formError ? <Alert tone="error" title={formError} /> : null}
      <input type="hidden" {...form.register("submissionId")} />
      <div className="w-56">
        <InputField label="手数料（円）" hint={estimate !== null ? `申請時の見積もり: ${estimate.toLocaleString("ja-JP")}円。0円なら納付なし` : "0円なら納付なし"} inputMode="numeric" required {...form.register("amount")} error={errors.amount?.message} />
      </div>
      <div>
        <Button type="submit" disabled={form.formState.isSubmitting}>手数料を確定する</Button>
      </div>
    </form>
  );
}

/** 交付済み（窓口で渡した） or 発送済み（郵送した）, with the date. */
export function CompleteForm({ submissionId, today, mailByDefault }: { submissionId: string; today: string; mailByDefault: boolean }) {
  const [done, setDone] = useState<string | null>(null);
  const { form, submit, formError } = useActionForm({ schema: completeSubmissionSchema, action: completeSubmissionAction, defaultValues: { submissionId, date: today, how: mailByDefault ? "mailed" : "issued" }, onSuccess: (data) => setDone(data.completion === "mailed" ? "発送済みにしました。" : "交付済みにしました。") });
  const errors = form.formState.errors as Partial<Record<"how" | "date", { message?: string }>>;
  if (done) return <Alert tone="success" title={done} />;
  return (
    <form noValidate className="flex flex-col gap-3" onSubmit={submit}>
      {formError ? <Alert tone="error" title={formError} /> : null}
      <input type="hidden" {...form.register("submissionId")} />
      <div className="flex flex-wrap gap-4">
        <div className="w-48">
          <SelectField label="交付・発送" required options={[{ value: "mailed", label: "発送済み（郵送）" }, { value: "issued", label: "交付済み（窓口）" }]} {...form.register("how")} error={errors.how?.message} />
        </div>
        <div className="w-48">
          <InputField label="日付" type="date" required {...form.register("date")} error={errors.date?.message} />
        </div>
      </div>
      <div>
        <Button type="submit" disabled={form.formState.isSubmitting}>記録する</Button>
      </div>
    </form>
  );
}
