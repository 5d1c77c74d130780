import Link from "next/link";
import { notFound } from "next/navigation";
import { rubyFor } from "@/components/liff/furigana";
import { Ja, Notice, PRIMARY_BUTTON, StepHeader } from "@/components/liff/ui";
import { getDb } from "@/db";
import { textIn } from "@/lib/forms/definition";
import { FORM_MESSAGES } from "@/lib/forms/messages";
import { FORM_PAGE_MESSAGES } from "@/lib/forms/page-messages";
import { getResidentSubmission } from "@/lib/forms/queries";
import { amountPayable } from "@/lib/forms/submissions";
import { getResidentMessages, residentTitle } from "@/lib/i18n/resident";
import { requireResidentPage } from "@/lib/residents/current";

export const dynamic = "force-dynamic";
export const generateMetadata = residentTitle((t) => t.notYetOnline.apply.title);

/** The receipt: reference number, status, what happens next and the fee paid; the way to pay while a fee is owed. */
export default async function SubmissionReceipt({ params, searchParams }: { params: Promise<{ submissionId: string }>; searchParams: Promise<{ cancelled?: string; payment?: string }> }) {
  const { submissionId } = await params;
  const resident = await requireResidentPage(`/liff/forms/submissions/${submissionId}`);
  if (!/^[0-9a-f-]{36}$/.test(submissionId)) notFound();
  const found = await getResidentSubmission(await getDb(), { residentId: resident.id, submissionId });
  if (!found) notFound();
  const { locale } = await getResidentMessages();
  const m = FORM_PAGE_MESSAGES[locale];
  const r = rubyFor(locale);
  const yen = FORM_MESSAGES[locale].yen;
  const { submission, definition, payment } = found;
  const payable = amountPayable(submission, payment !== null);
  const query = await searchParams;
  const cancelled = query.cancelled === "1";
  const sent = submission.status !== "awaiting_payment";
  return (
    <>
      <StepHeader title={r(m.receiptTitle)} subtitle={<Ja>{r(textIn(definition.title, locale))}</Ja>} />
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 rounded-12 border-2 border-solid-gray-200 p-4" data-testid="form-receipt">
        <dt className="font-bold">{r(m.reference)}</dt>
        <dd data-testid="reference" className="text-std-20B-150">{submission.reference}</dd>
        <dt className="font-bold">{r(m.statusLabel)}</dt>
        <dd data-testid="status">{r(m.status[submission.status])}</dd>
        {submission.submittedAt ? (
          <>
            <dt className="font-bold">{r(m.submittedAt)}</dt>
            <dd>{new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "ja-JP", { timeZone: "Asia/Tokyo", dateStyle: "long", timeStyle: "short" }).format(submission.submittedAt)}</dd>
          </>
        ) : null}
        {submission.feeAmount ? (
          <>
            <dt className="font-bold">{r(m.amount)}</dt>
            <dd data-testid="fee">{yen(submission.feeAmount)}</dd>
          </>
        ) : null}
      </dl>
      {payment ? <Notice tone="ok">{r(m.paid)}</Notice> : null}
      {sent && submission.status === "submitted" ? (
        <section className="flex flex-col gap-1">
          <p>{r(m.nextSteps)}</p>
          {definition.delivery === "mail" ? <p>{r(m.nextStepsMail)}</p> : null}
        </section>
      ) : null}
      {!sent && !payable ? <Notice tone="info">{r(m.paymentPending)}</Notice> : null}
      {query.payment === "not_payable" ? <Notice tone="warn">{r(m.notPayable)}</Notice> : null}
      {payable !== null ? (
        <>
          <Notice tone={cancelled ? "warn" : "info"}>{r(cancelled ? m.paymentCancelled : m.waitingPayment)}</Notice>
          {/* A plain link: CSP form-action would also apply to the redirect to the payment page's origin. */}
          <a href={`/liff/forms/submissions/${submission.id}/pay`} className={PRIMARY_BUTTON}>{r(m.payAgain)}</a>
        </>
      ) : null}
      <Link href="/liff/forms" className="text-std-18N-160">{r(m.backToForms)}</Link>
    </>
  );
}
