"use client";

import { useState } from "react";
import { useWatch } from "react-hook-form";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DECISION_BUTTON_LABELS, DecisionChoices, ReasonFields } from "@/components/review/decision-fields";
import { decideFilingAction } from "@/lib/filings/actions";
import { filingDecisionSchema } from "@/lib/filings/validations";

/**
 * Common reasons staff pick from; the text lands in the textarea and can be edited before sending.
 * Return reasons ask only for what the filer can actually do: a LINE filer can re-run the My Number card check
 * (name and address come from the card and the roster, not from typing), a counter filer has to come back to
 * the counter, where the clerk resubmits the filing.
 */
export const REASON_TEMPLATES = {
  reject: [
    "基準日時点で当町に住民登録がないため、対象外です。",
    "同じ世帯から別の申請を受け付けているため、この申請はお受けできません。",
    "申請の受付期間を過ぎているため、お受けできません。",
  ],
  returnLine: [
    "本人確認が完了していません。マイナンバーカードで、もう一度本人確認をしてください。",
    "マイナンバーカードの住所が、基準日の住民登録と一致しませんでした。住所変更の手続き後のマイナンバーカードで、もう一度本人確認をしてください。",
    "マイナンバーカードのお名前が住民登録と一致しませんでした。カードの記載事項の変更手続き後に、もう一度本人確認をしてください。LINEで確認できない場合は、本人確認書類をお持ちのうえ、窓口へお越しください。",
  ],
  returnCounter: [
    "本人確認書類を確認できませんでした。運転免許証やマイナンバーカードなどの本人確認書類をお持ちのうえ、窓口へ再度お越しください。",
    "受け取る方（代表者）の確認が必要です。代表者の方が本人確認書類をお持ちのうえ、窓口へ再度お越しください。",
    "申請内容の確認が必要です。窓口で内容をお聞きしますので、本人確認書類をお持ちのうえ、再度お越しください。",
  ],
} as const;

export type Decision = "approve" | "reject" | "return";

const DONE: Record<string, string> = { approved: "承認しました。", rejected: "却下しました。", returned: "差し戻しました。" };

/**
 * The decisions still open for a filing: all three while it waits for review, only 却下 once it was returned.
 * Nothing is preselected: a reviewer must choose. The action revalidates the page, so the decided state (the
 * outcome panel in place of this form, the badge and the history) arrives with the action's own response.
 */
export function DecisionForm({ filingId, allowed, lineFiler }: { filingId: string; allowed: readonly Decision[]; lineFiler: boolean }) {
  const [done, setDone] = useState<string | null>(null);
  const { form, submit, formError } = useActionForm({
    schema: filingDecisionSchema,
    action: decideFilingAction,
    defaultValues: { filingId },
    onSuccess: (data) => setDone(DONE[data.status] ?? "登録しました。"),
  });
  const decision = useWatch({ control: form.control, name: "decision" }) as Decision | undefined;
  const errors = form.formState.errors as Partial<Record<"reason" | "decision" | "filingId", { message?: string }>>;
  const pending = form.formState.isSubmitting;
  const templates = decision === "reject" ? REASON_TEMPLATES.reject : lineFiler ? REASON_TEMPLATES.returnLine : REASON_TEMPLATES.returnCounter;
  const setReason = (text: string) =>
    form.setValue("reason", text, { shouldValidate: form.formState.isSubmitted, shouldDirty: true });
  const returnLabel = lineFiler ? "差し戻す（申請者がLINEで本人確認をやり直して再提出）" : "差し戻す（申請者が窓口に再度来て、窓口で再提出）";

  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      onSubmit={(event) => {
        setDone(null);
        return submit(event);
      }}
    >
      {formError ? (
        <Alert tone="error" title={formError} />
      ) : Object.keys(errors).length > 0 ? (
        <Alert tone="error" title="入力内容に誤りがあります。赤字の項目を確認してください。" />
      ) : null}
      {done ? <Alert tone="success" title={done}>{lineFiler ? "LINEで申請した方にメッセージを送ります。" : null}</Alert> : null}
      <input type="hidden" {...form.register("filingId")} />
      <DecisionChoices
        choices={(
          [
            ["approve", "承認する"],
            ["return", returnLabel],
            ["reject", "却下する"],
          ] as const
        ).filter(([value]) => allowed.includes(value))}
        registration={form.register("decision", {
          onChange: () => {
            setReason("");
            form.clearErrors();
            setDone(null);
          },
        })}
        error={errors.decision?.message}
      />
      {decision === "return" ? (
        <p className="rounded-8 bg-solid-gray-50 p-3 text-std-16N-170">
          {lineFiler
            ? "LINEの申請では、お名前と住所はマイナンバーカードと住民登録から読み取ります。申請者ができるのは、マイナンバーカードでの本人確認のやり直しです。それでできることを理由に書いてください。"
            : "窓口の申請は、申請者にLINEのお知らせが届きません。理由を電話などでお伝えし、窓口に再度お越しいただいたときに、窓口職員が修正して再提出します。"}
        </p>
      ) : null}
      {decision === "reject" || decision === "return" ? (
        <ReasonFields
          templates={templates}
          label={lineFiler ? "理由（LINEで申請者に届きます）" : "理由（記録に残ります。申請者には窓口や電話でお伝えください）"}
          registration={form.register("reason")}
          error={errors.reason?.message}
          onTemplate={setReason}
        />
      ) : null}
      {errors.filingId?.message ? <p className="text-std-16B-170 text-error-2">{errors.filingId.message}</p> : null}
      <div>
        <Button type="submit" variant={decision === "reject" ? "danger" : "primary"} disabled={pending}>
          {pending ? "登録しています…" : decision ? DECISION_BUTTON_LABELS[decision] : "判断を登録する"}
        </Button>
      </div>
    </form>
  );
}
