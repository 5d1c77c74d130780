import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { z } from "zod";
import { formatDateTime } from "@/components/admin/format";
import { wareki } from "@/components/filings/labels";
import { PAYMENT_STATE_TONES, SUBMISSION_CHANNEL_LABELS, SUBMISSION_STATUS_TONES, yen } from "@/components/submissions/labels";
import { PaymentHistory, SubmissionAnswers, SubmissionHistory } from "@/components/submissions/submission-sections";
import { CompleteForm, FixFeeForm, SubmissionDecisionForm } from "@/components/submissions/submission-actions";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { jstToday } from "@/lib/dates/jst";
import { canInDepartment } from "@/lib/auth/permissions";
import { requireStaffPage, runAsCurrentStaff } from "@/lib/auth/session";
import { textIn } from "@/lib/forms/definition";
import { computeFee } from "@/lib/forms/fees";
import { PAYMENT_STATE_LABELS, SUBMISSION_STATUS_LABELS, type PaymentState } from "@/lib/forms/review-validations";
import { viewSubmission } from "@/lib/forms/review-views";

export const metadata: Metadata = { title: "電子申請の内容" };

const DECIDED_VERB: Partial<Record<string, string>> = { approved: "承認しました", rejected: "却下しました", returned: "差し戻しました", completed: "承認しました" };
const REFUND_TEXT: Record<string, (amount: number) => string> = {
  success: (a) => `納付済みの手数料 ${a.toLocaleString("ja-JP")}円 を返金しました。`,
  submitted: (a) => `納付済みの手数料 ${a.toLocaleString("ja-JP")}円 の返金を依頼しました（決済事業者の処理待ち）。`,
  error: (a) => `手数料 ${a.toLocaleString("ja-JP")}円 の返金に失敗しました。決済の一覧から返金をやり直してください。`,
};

export default async function SubmissionDetailPage({ params, searchParams }: { params: Promise<{ submissionId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffPage("form.view");
  const { submissionId } = await params;
  if (!z.uuid().safeParse(submissionId).success) notFound();
  const raw = await searchParams;
  // Audited: each view of the applicant's personal data is recorded.
  const outcome = await runAsCurrentStaff(viewSubmission, { submissionId });
  if (!outcome.ok) {
    if (outcome.status === 403) forbidden();
    notFound();
  }
  const { submission, definition, version, payments, history, decidedByName } = outcome.data;
  const paid = payments.find((p) => p.status === "success") ?? null;
  const paymentState: PaymentState = paid ? (paid.refundStatus === "success" ? "refunded" : "paid") : submission.feeAmount === null ? "fee_pending" : submission.feeAmount === 0 ? "no_fee" : "unpaid";
  const canReview = canInDepartment(actor, "form.review", submission.departmentId);
  const afterReview = definition.payment.timing === "after_review";
  const estimate = definition.payment.timing === "after_review" && definition.payment.items.length > 0 ? computeFee(definition, submission.answers as Record<string, unknown>).total : null;
  const canComplete = submission.status === "approved" && (!submission.feeAmount || Boolean(paid));
  const query = typeof raw.status === "string" ? `?${new URLSearchParams(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === "string")).toString()}` : "";

  return (
    <>
      <PageHeader title={`電子申請 ${submission.reference}`} description={`${textIn(definition.title, "ja")}（第${version}版で申請）`} />
      <nav aria-label="申請の移動" className="mb-4">
        <Link href={`/admin/submissions${query}`}>← 電子申請の一覧へ戻る</Link>
      </nav>
      <div className="grid gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="flex flex-col gap-6">
          <section aria-labelledby="submission-summary" className="rounded-8 border border-solid-gray-200 bg-white p-5">
            <h2 id="submission-summary" className="mb-3 flex flex-wrap items-center gap-2 text-std-20B-150">
              申請の概要
              <Badge tone={SUBMISSION_STATUS_TONES[submission.status]}>{SUBMISSION_STATUS_LABELS[submission.status]}</Badge>
              <Badge tone={PAYMENT_STATE_TONES[paymentState]}>{PAYMENT_STATE_LABELS[paymentState]}</Badge>
            </h2>
            <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-std-16N-170">
              <dt className="text-std-16B-170">受付番号</dt>
              <dd className="font-mono">{submission.reference}</dd>
              <dt className="text-std-16B-170">申請方法</dt>
              <dd>{SUBMISSION_CHANNEL_LABELS[submission.channel]}{submission.channel === "liff" && definition.identity === "jpki" ? "（マイナンバーカードで本人確認済み）" : ""}</dd>
              <dt className="text-std-16B-170">申請日時</dt>
              <dd>{formatDateTime(submission.submittedAt)}</dd>
              <dt className="text-std-16B-170">手数料</dt>
              <dd>{yen(submission.feeAmount)}{afterReview ? "（事後決済）" : definition.payment.timing === "on_filing" ? "（申請時に納付）" : ""}</dd>
              {submission.statusReason ? (
                <>
                  <dt className="text-std-16B-170">理由</dt>
                  <dd className="whitespace-pre-wrap">{submission.statusReason}</dd>
                </>
              ) : null}
              {submission.decidedAt ? (
                <>
                  <dt className="text-std-16B-170">判断</dt>
                  <dd>{formatDateTime(submission.decidedAt)}（{decidedByName ?? "職員"}さん）</dd>
                </>
              ) : null}
              {submission.completion && submission.completedOn ? (
                <>
                  <dt className="text-std-16B-170">{submission.completion === "mailed" ? "発送日" : "交付日"}</dt>
                  <dd>{wareki(submission.completedOn)}</dd>
                </>
              ) : null}
            </dl>
          </section>
          <SubmissionAnswers definition={definition} answers={submission.answers as Record<string, unknown>} channel={submission.channel} submissionId={submission.id} />
          <PaymentHistory payments={payments} />
          <SubmissionHistory history={history} />
        </div>
        {canReview ? (
          <section aria-labelledby="submission-review" className="flex h-fit flex-col gap-4 rounded-8 border-2 border-blue-900 bg-white p-5">
            <h2 id="submission-review" className="text-std-20B-150">
              審査
            </h2>
            {submission.decidedAt && submission.status !== "submitted" ? (
              <div role="status" className="flex flex-col gap-2 text-std-16N-170">
                <p className="text-std-18B-160">
                  {formatDateTime(submission.decidedAt)}に{decidedByName ?? "職員"}さんが{DECIDED_VERB[submission.status] ?? "判断しました"}。
                </p>
                {submission.statusReason ? <p className="whitespace-pre-wrap">理由: {submission.statusReason}</p> : null}
                {submission.completion && submission.completedOn ? <p>{wareki(submission.completedOn)}に{submission.completion === "mailed" ? "発送済み" : "交付済み"}です。</p> : null}
              </div>
            ) : null}
            {paid?.refundStatus ? <Alert tone={paid.refundStatus === "success" ? "success" : paid.refundStatus === "error" ? "error" : "warning"} title={REFUND_TEXT[paid.refundStatus]!(paid.amount)} /> : null}
            {submission.status === "submitted" && afterReview && !paid ? (
              <div className="flex flex-col gap-2">
                <h3 className="text-std-18B-160">手数料の確定（事後決済）</h3>
                {submission.feeAmount !== null ? <p className="text-std-16N-170">いまの手数料: {yen(submission.feeAmount)}。確定し直すと、新しい金額をお知らせします。</p> : null}
                <FixFeeForm submissionId={submission.id} estimate={estimate} />
              </div>
            ) : null}
            {submission.status === "submitted" ? (
              <div className="flex flex-col gap-2">
                <h3 className="text-std-18B-160">判断</h3>
                <SubmissionDecisionForm submissionId={submission.id} lineFiler={submission.channel === "liff"} paid={Boolean(paid && !paid.refundStatus)} />
              </div>
            ) : null}
            {canComplete ? (
              <div className="flex flex-col gap-2">
                <h3 className="text-std-18B-160">交付・発送の記録</h3>
                <CompleteForm submissionId={submission.id} today={jstToday()} mailByDefault={definition.delivery !== "counter"} />
              </div>
            ) : null}
            {submission.status === "approved" && !canComplete ? <p className="text-std-16N-170">承認済みです。手数料 {yen(submission.feeAmount)} の納付が確認できると、交付・発送を記録できます。</p> : null}
            {!["submitted", "approved"].includes(submission.status) ? <p className="text-std-16N-170">この申請は「{SUBMISSION_STATUS_LABELS[submission.status]}」です。{submission.status === "returned" ? "申請者が直して再提出すると、審査待ちに戻ります。" : "これ以上の操作はありません。"}</p> : null}
          </section>
        ) : null}
      </div>
    </>
  );
}
