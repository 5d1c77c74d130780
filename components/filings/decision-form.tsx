"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { TextareaField } from "@/components/ui/textarea-field";
import { decideFilingAction } from "@/lib/filings/actions";

/** Common reasons staff pick from; the text lands in the textarea and can be edited before sending. */
export const REASON_TEMPLATES = {
  reject: [
    "基準日時点で当町に住民登録がないため、対象外です。",
    "同じ世帯から別の申請を受け付けているため、この申請はお受けできません。",
    "申請の受付期間を過ぎているため、お受けできません。",
  ],
  return: [
    "代表者のお名前が住民登録と一致しません。お名前を確認して、もう一度送ってください。",
    "本人確認が完了していません。マイナンバーカードでの本人確認をやり直してください。",
    "住所が住民登録と一致しません。住所を確認して、もう一度送ってください。",
  ],
} as const;

type Decision = "approve" | "reject" | "return";

export function DecisionForm({ filingId, status, lineFiler }: { filingId: string; status: string; lineFiler: boolean }) {
  const router = useRouter();
  const [decision, setDecision] = useState<Decision>("approve");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<{ message: string; reason?: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const decidable = status === "submitted" || (status === "returned" && decision === "reject");

  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={async (event) => {
        event.preventDefault();
        setPending(true);
        setError(null);
        setDone(null);
        try {
          const result = await decideFilingAction(decision === "approve" ? { filingId, decision } : { filingId, decision, reason });
          if (!result.ok) {
            setError({ message: result.error, reason: result.fieldErrors?.reason?.[0] });
            return;
          }
          setDone({ approve: "承認しました。", reject: "却下しました。", return: "差し戻しました。" }[decision]);
          router.refresh();
        } finally {
          setPending(false);
        }
      }}
    >
      {error ? <Alert tone="error" title={error.message} /> : null}
      {done ? <Alert tone="success" title={done}>{lineFiler ? "LINEで申請した方にメッセージを送ります。" : null}</Alert> : null}
      <fieldset className="flex flex-col gap-1">
        <legend className="text-std-16B-170">判断</legend>
        {(
          [
            ["approve", "承認する"],
            ["return", "差し戻す（申請者が修正して再提出）"],
            ["reject", "却下する"],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="inline-flex min-h-10 items-center gap-3 text-std-16N-170">
            <input
              type="radio"
              name="decision"
              value={value}
              checked={decision === value}
              onChange={() => {
                setDecision(value);
                setReason("");
              }}
              className="size-5 accent-blue-900"
            />
            {label}
          </label>
        ))}
      </fieldset>
      {decision !== "approve" ? (
        <>
          <SelectField
            label="よく使う理由"
            hint="選ぶと下の欄に入ります。そのあと書き直せます"
            placeholder="選んでください"
            options={REASON_TEMPLATES[decision].map((text) => ({ value: text, label: text }))}
            value=""
            onChange={(event) => event.target.value && setReason(event.target.value)}
          />
          <TextareaField
            label="理由（申請者に届きます）"
            required
            rows={4}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            error={error?.reason}
          />
        </>
      ) : null}
      <div>
        <Button type="submit" variant={decision === "reject" ? "danger" : "primary"} disabled={pending || !decidable}>
          {pending ? "登録しています…" : { approve: "承認する", reject: "却下する", return: "差し戻す" }[decision]}
        </Button>
        {!decidable ? <p className="mt-2 text-std-16N-170 text-solid-gray-700">この状態の申請には、この判断はできません。</p> : null}
      </div>
    </form>
  );
}
