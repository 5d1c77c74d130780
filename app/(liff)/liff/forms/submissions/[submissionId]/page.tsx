import { notFound } from "next/navigation";
import { Ja, Notice, PRIMARY_BUTTON, StepHeader } from "@/components/liff/ui";
import { getDb } from "@/db";
import { textIn } from "@/lib/forms/definition";
import { FORM_MESSAGES } from "@/lib/forms/messages";
import { FORM_PAGE_MESSAGES } from "@/lib/forms/page-messages";
import { getResidentSubmission } from "@/lib/forms/queries";
import { amountPayable } from "@/lib/forms/submissions";
import { getResidentMessages, residentTitle } from "@/lib/i18n/resident";
import { requireResidentPage } from "@/lib/residents/current";
import Link from "next/link";

export const dynamic = "force-dynamic";
export const generateMetadata = residentTitle((t) => t.notYetOnline.apply.title);

/** The receipt: reference number, status and fee; the way to pay while a fee is owed. */
export default async function SubmissionReceipt({ params, searchParams }: { params: Promise<{ submissionId: string }>; searchParams: Promise<{ cancelled?: string }> }) {
  const { submissionId } = await params;
  const resident = await requireResidentPage(`/liff/forms/submissions/${submissionId}`);
  if (!/^[0-9a-f-]{36}$/.test(submissionId)) notFound();
  const found = await getResidentSubmission(await getDb(), { residentId: resident.id, submissionId });
  if (!found) notFound();
  const { locale } = await getResidentMessages();
  const m = FORM_PAGE_MESSAGES[locale];
  const { submission, definition, payment } = found;
  const payable = amountPayable(submission, payment !== null);
  const cancelled = (await searchParams).cancelled === "1";
  return (
    <>
      <StepHeader title={m.receiptTitle} subtitle={<Ja>{textIn(definition.title, locale)}</Ja>} />
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2">
        <dt className="font-bold">{m.reference}</dt>
        <dd data-testid="reference" className="text-std-20B-150">{submission.reference}</dd>
        <dt className="font-bold">{m.statusLabel}</dt>
        <dd>{m.status[submission.status]}</dd>
        {submission.feeAmount ? (
          <>
            <dt className="font-bold">{m.amount}</dt>
            <dd>{FORM_MESSAGES[locale].yen(submission.feeAmount)}</dd>
          </>
        ) : null}
      </dl>
      {payment ? <Notice tone="ok">{m.paid}</Notice> : null}
      {payable !== null ? (
        <>
          {cancelled ? <Notice tone="warn">{m.paymentCancelled}</Notice> : null}
          <form method="post" action={`/liff/forms/submissions/${submission.id}/pay`}>
            <button type="submit" className={PRIMARY_BUTTON}>{m.payAgain}</button>
          </form>
        </>
      ) : null}
      <Link href="/liff/forms" className="text-std-18N-160">{m.backToForms}</Link>
    </>
  );
}
