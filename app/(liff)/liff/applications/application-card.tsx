import Link from "next/link";
import type { ReactNode } from "react";
import { Ja, Notice, PRIMARY_BUTTON, SECONDARY_BUTTON } from "@/components/liff/ui";
import type { Application } from "@/lib/applications/queries";
import { APPLICATION_MESSAGES } from "@/lib/applications/messages";
import { programNameFor } from "@/lib/filings/resident-texts";
import { textIn } from "@/lib/forms/definition";
import { FORM_PAGE_MESSAGES } from "@/lib/forms/page-messages";
import { RESIDENT_MESSAGES, type ResidentLocale } from "@/lib/i18n/resident";

type Props = { application: Application; locale: ResidentLocale; r: (text: string) => ReactNode; confirming: boolean };

/** The application's title as the resident reads it (translated form title or program name, else the Japanese). */
export function applicationTitle(application: Application, locale: ResidentLocale): string {
  return application.kind === "form" ? textIn(application.title, locale) : programNameFor(application.program, locale);
}

/** One application: what, reference, status and reason, history, and what the resident can do now. */
export function ApplicationCard({ application, locale, r, confirming }: Props) {
  const m = APPLICATION_MESSAGES[locale];
  const t = RESIDENT_MESSAGES[locale];
  const statusText = (status: string) => (application.kind === "form" ? FORM_PAGE_MESSAGES[locale].status[status as keyof (typeof FORM_PAGE_MESSAGES)["ja"]["status"]] : t.benefit.status.statuses[status as keyof typeof t.benefit.status.statuses]);
  const title = applicationTitle(application, locale);
  // Wording the office gave in this language reads as the page does; otherwise it is the Japanese original.
  const translated = locale !== "ja" && (application.kind === "form" ? Boolean(application.title[locale]) : title !== application.program.name);
  const receipt = application.kind === "form" ? `/liff/forms/submissions/${application.id}` : `/liff/benefit/receipt/${application.id}`;
  const headingId = `application-${application.id}`;
  return (
    <li className="flex flex-col gap-3 rounded-12 border-2 border-solid-gray-200 p-4" data-testid="application" aria-labelledby={headingId}>
      <p className="text-std-16B-170 text-solid-gray-700">{r(m.kind[application.kind])}</p>
      <h2 id={headingId} className="text-std-20B-150">
        {translated ? r(title) : <Ja>{title}</Ja>}
      </h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="font-bold">{r(m.reference)}</dt>
        <dd>{application.reference}</dd>
        <dt className="font-bold">{r(m.status)}</dt>
        <dd className="text-std-18B-160 text-blue-1000" data-testid="application-status">{r(statusText(application.status))}</dd>
        {application.reason ? (
          <>
            <dt className="font-bold">{r(m.reason)}</dt>
            <dd><Ja>{application.reason}</Ja></dd>
          </>
        ) : null}
      </dl>
      <details>
        <summary className="min-h-12 cursor-pointer py-2">{r(m.history)}</summary>
        <ol className="flex flex-col gap-1 pl-2" data-testid="application-history">
          {application.history.map((step, index) => (
            <li key={index}>
              {r(t.common.dateTime(step.at))} {r(statusText(step.status))}
            </li>
          ))}
        </ol>
      </details>
      <Link href={receipt} className="text-std-18N-160">{r(m.openReceipt)}</Link>
      {application.kind === "filing" && (application.status === "submitted" || application.status === "returned") ? (
        <Link href="/liff/benefit/status" className="text-std-18N-160">{r(m.openBenefitStatus)}</Link>
      ) : null}
      {application.kind === "form" && application.canResubmit ? (
        <form method="post" action="/liff/applications/resubmit" className="flex flex-col gap-1">
          <input type="hidden" name="submissionId" value={application.id} />
          <button type="submit" className={PRIMARY_BUTTON}>{r(m.resubmit)}</button>
          <p className="text-std-16N-170 text-solid-gray-700">{r(m.resubmitHelp)}</p>
        </form>
      ) : null}
      {application.kind === "form" && application.canWithdraw ? (
        confirming ? (
          <Notice tone="warn">
            <p>{r(m.withdrawConfirm(title))}</p>
            <form method="post" action="/liff/applications/withdraw" className="mt-3 flex flex-col gap-2">
              <input type="hidden" name="submissionId" value={application.id} />
              <button type="submit" className={PRIMARY_BUTTON}>{r(m.withdrawYes)}</button>
              <Link href="/liff/applications" className={SECONDARY_BUTTON}>{r(m.withdrawNo)}</Link>
            </form>
          </Notice>
        ) : (
          <Link href={`/liff/applications?confirm=${application.id}#${headingId}`} className={SECONDARY_BUTTON}>{r(m.withdraw)}</Link>
        )
      ) : null}
    </li>
  );
}
