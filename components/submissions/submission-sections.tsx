import { formatDateTime } from "@/components/admin/format";
import { wareki } from "@/components/filings/labels";
import type { Payment } from "@/db/schema/payments";
import { actionLabel } from "@/lib/audit-viewer/labels";
import type { FileAnswer, IdentityAnswer } from "@/lib/forms/answers";
import type { FormDefinition } from "@/lib/forms/definition";
import { answerRows } from "@/lib/forms/render";
import { GENDER_LABELS, PAYMENT_METHOD_LABELS, PAYMENT_STATUS_LABELS, REFUND_STATUS_LABELS, yen } from "./labels";

const box = "rounded-8 border border-solid-gray-200 bg-white p-5";

/** The answers as the resident saw them on check-your-answers, from the submission's own snapshot. */
export function SubmissionAnswers({ definition, answers, channel, submissionId }: { definition: FormDefinition; answers: Record<string, unknown>; channel: "liff" | "counter"; submissionId: string }) {
  const questions = definition.pages.flatMap((p) => p.questions);
  const identityQuestion = questions.find((q) => q.type === "identity");
  const identity = identityQuestion ? (answers[identityQuestion.id] as IdentityAnswer | undefined) : undefined;
  const files = questions.filter((q) => q.type === "file" && answers[q.id]).map((q) => ({ label: q.label.ja, file: answers[q.id] as FileAnswer }));
  const rows = answerRows(definition, answers, "ja").filter((row) => row.questionId !== identityQuestion?.id && !files.some((f) => f.file === answers[row.questionId]));
  return (
    <>
      {identity ? (
        <section aria-labelledby="submission-identity" className={box}>
          <h2 id="submission-identity" className="mb-3 text-std-20B-150">
            申請者（基本4情報・{channel === "liff" ? "マイナンバーカードから" : "窓口で書類を確認して入力"}）
          </h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-std-16N-170">
            <dt className="text-std-16B-170">氏名</dt>
            <dd>{identity.name}</dd>
            <dt className="text-std-16B-170">住所</dt>
            <dd>{identity.address}</dd>
            <dt className="text-std-16B-170">生年月日</dt>
            <dd>{wareki(identity.birthDate)}</dd>
            <dt className="text-std-16B-170">性別</dt>
            <dd>{identity.gender ? (GENDER_LABELS[identity.gender] ?? identity.gender) : "—"}</dd>
          </dl>
        </section>
      ) : null}
      <section aria-labelledby="submission-answers" className={box}>
        <h2 id="submission-answers" className="mb-3 text-std-20B-150">
          回答
        </h2>
        <dl className="flex flex-col gap-3 text-std-16N-170">
          {rows.map((row) => (
            <div key={row.questionId}>
              <dt className="text-std-16B-170">{row.label}</dt>
              {row.items ? (
                <dd>
                  <ul className="flex flex-col gap-1">
                    {row.items.map((item) => (
                      <li key={item.heading}>
                        <span className="text-std-16B-170">{item.heading}</span>: {item.rows.map((r) => `${r.label} ${r.value}`).join(" / ")}
                      </li>
                    ))}
                  </ul>
                </dd>
              ) : (
                <dd className="whitespace-pre-wrap">{row.value}</dd>
              )}
            </div>
          ))}
        </dl>
      </section>
      {files.length > 0 ? (
        <section aria-labelledby="submission-files" className={box}>
          <h2 id="submission-files" className="mb-3 text-std-20B-150">
            添付ファイル
          </h2>
          <ul className="flex flex-col gap-2 text-std-16N-170">
            {files.map(({ label, file }) => (
              <li key={file.fileId}>
                <span className="text-std-16B-170">{label}</span>:{" "}
                {/* The download is guarded and audited like the page (form.view of the submission's department). */}
                <a href={`/api/admin/forms/submissions/${submissionId}/attachments/${file.fileId}`} download>
                  {file.name}
                </a>
                （{Math.ceil(file.size / 1024).toLocaleString()} KB・{file.type}）<span className="block font-mono text-solid-gray-700">ファイルID {file.fileId}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

export function PaymentHistory({ payments }: { payments: Payment[] }) {
  return (
    <section aria-labelledby="submission-payments" className={box}>
      <h2 id="submission-payments" className="mb-3 text-std-20B-150">
        納付の履歴
      </h2>
      {payments.length === 0 ? (
        <p className="text-std-16N-170">納付の記録はありません。</p>
      ) : (
        <ol className="flex flex-col gap-2 text-std-16N-170">
          {payments.map((p) => (
            <li key={p.id} className="border-l-4 border-solid-gray-200 pl-3">
              <span className="text-std-16B-170">{formatDateTime(p.createdAt)}</span>　{PAYMENT_METHOD_LABELS[p.method] ?? p.method}・{yen(p.amount)}・{PAYMENT_STATUS_LABELS[p.status] ?? p.status}
              {p.paidAt ? `（${formatDateTime(p.paidAt)} 納付）` : ""}
              {p.refundStatus ? <span className="block text-std-16B-170">{REFUND_STATUS_LABELS[p.refundStatus]}{p.refundedAt ? `（${formatDateTime(p.refundedAt)}）` : ""}</span> : null}
              <span className="block font-mono text-solid-gray-700">決済番号 {p.reference}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function SubmissionHistory({ history }: { history: { id: number; at: Date; action: string; actorLabel: string | null; actorType: string; after: unknown }[] }) {
  return (
    <section aria-labelledby="submission-history" className={box}>
      <h2 id="submission-history" className="mb-3 text-std-20B-150">
        履歴
      </h2>
      <ol className="flex flex-col gap-2 text-std-16N-170">
        {history.map((h) => {
          const reason = (h.after as { reason?: string } | null)?.reason;
          return (
            <li key={h.id} className="border-l-4 border-solid-gray-200 pl-3">
              <span className="text-std-16B-170">{formatDateTime(h.at)}</span>　{actionLabel(h.action) || h.action}
              <span className="block text-solid-gray-800">{h.actorType === "staff" ? `${h.actorLabel ?? "職員"}さん` : h.actorType === "resident" ? "申請者（LINE）" : "システム"}</span>
              {reason ? <span className="block whitespace-pre-wrap text-solid-gray-800">{reason}</span> : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
