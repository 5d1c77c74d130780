import Link from "next/link";
import { BackToMenu, Ja, LinkButton, Notice, StepHeader } from "@/components/liff/ui";
import { filingPurpose, listOwnFilings } from "@/lib/filings/resident-operations";
import { viewHouseholdFilings } from "@/lib/filings/resident-queries";
import { grantFailureNote, programNameFor } from "@/lib/filings/resident-texts";
import { rubyFor } from "@/components/liff/furigana";
import { getResidentMessages, residentTitle } from "@/lib/i18n/resident";
import { residentFailureText } from "@/lib/i18n/resident-errors";
import { systemEventReasonOf } from "@/lib/filings/rules";
import { requireResidentPage, runAsCurrentResident } from "@/lib/residents/current";
import { FilingAction } from "./filing-action";

export const dynamic = "force-dynamic";
export const generateMetadata = residentTitle((t) => t.benefit.status.title);

export default async function BenefitStatus({ searchParams }: { searchParams: Promise<{ resubmit?: string; jpki?: string }> }) {
  await requireResidentPage("/liff/benefit/status");
  const { resubmit, jpki } = await searchParams;
  const [result, household] = await Promise.all([runAsCurrentResident(listOwnFilings, {}), runAsCurrentResident(viewHouseholdFilings, {})]);
  const filings = result.ok ? result.data : [];
  const householdFilings = household.ok ? household.data : [];
  const { locale, t } = await getResidentMessages();
  const r = rubyFor(locale);
  const m = t.benefit.status;
  const failure = result.ok ? null : residentFailureText(t, result);
  const actions = t.benefit.statusAction;
  return (
    <>
      <StepHeader title={r(m.title)} />
      {failure ? (
        <Notice tone="warn">
          <span lang={failure.lang}>{failure.text}</span>
        </Notice>
      ) : null}
      {jpki && jpki !== "verified" ? <Notice tone="warn">{r(m.verificationFailed)}</Notice> : null}
      {householdFilings.length > 0 ? (
        <section aria-labelledby="household-filings" className="flex flex-col gap-3">
          <h2 id="household-filings" className="text-std-20B-150">
            {r(m.household.title)}
          </h2>
          {householdFilings.map((filing) => (
            <div key={filing.programId} className="flex flex-col gap-2 rounded-12 border-2 border-solid-gray-200 p-4" data-testid="household-filing">
              <h3 className="text-std-18B-160">
                <Ja>{r(programNameFor({ name: filing.programName, translations: filing.translations }, locale))}</Ja>
              </h3>
              <p>{r(m.household.filed(filing.submittedAt, filing.channel))}</p>
              <p>
                {r(m.household.state)}: <strong className="text-blue-1000">{r(m.statuses[filing.status])}</strong>
              </p>
              <p className="text-std-16N-170 text-solid-gray-700">{r(m.household.hidden)}</p>
            </div>
          ))}
        </section>
      ) : null}
      {result.ok && filings.length === 0 && householdFilings.length === 0 ? <p>{r(m.none)}</p> : null}
      <ul className="flex flex-col gap-4">
        {filings.map((filing) => (
          <li key={filing.id} className="flex flex-col gap-3 rounded-12 border-2 border-solid-gray-200 p-4" data-testid="own-filing">
            <h2 className="text-std-20B-150">
              <Ja>{r(filing.programName)}</Ja>
            </h2>
            <p>
              {r(m.receiptNumber)} <strong>{filing.receiptNumber}</strong>・{r(t.common.points(filing.points))}
            </p>
            <p className="text-std-20B-150 text-blue-1000" data-testid="own-filing-status">
              {r(m.statuses[filing.status])}
            </p>
            <Link href={`/liff/benefit/receipt/${filing.id}`} className="text-std-18N-160">
              {r(m.openReceipt)}
            </Link>
            {filing.status === "submitted" && grantFailureNote(locale, filing.events.at(-1)?.reason) ? (
              <Notice tone="warn">{r(grantFailureNote(locale, filing.events.at(-1)?.reason)!)}</Notice>
            ) : null}
            {filing.status === "returned" ? (
              <>
                <Notice tone="warn">
                  {r(m.needsFix)} <Ja>{filing.decisionReason}</Ja>
                  <span className="block text-std-16N-170">{r(m.verifyAgain)}</span>
                </Notice>
                {resubmit === filing.id && jpki === "verified" ? (
                  <FilingAction filingId={filing.id} action="resubmit" label={actions.resubmit} failedText={actions.failed} />
                ) : (
                  <LinkButton
                    href={`/api/jpki/start?${new URLSearchParams({ purpose: filingPurpose(filing.programId), returnTo: `/liff/benefit/status?resubmit=${filing.id}` })}`}
                  >
                    {r(m.verifyAndResubmit)}
                  </LinkButton>
                )}
              </>
            ) : null}
            <details>
              <summary className="min-h-12 cursor-pointer py-2">{r(m.history)}</summary>
              <ol className="flex flex-col gap-1 pl-2">
                {filing.events.map((event) => {
                  const systemReason = systemEventReasonOf(event.reason);
                  const vendorFailure = grantFailureNote(locale, event.reason);
                  return (
                    <li key={event.id}>
                      {r(t.common.dateTime(event.at))} {r(m.statuses[event.toStatus])}
                      {/* The system's own reasons in the resident's language; staff's words as written. */}
                      {systemReason ? r(m.aside(m.systemReasons[systemReason])) : null}
                      {vendorFailure ? r(m.aside(vendorFailure)) : null}
                      {event.reason && !systemReason && !vendorFailure ? (
                        <>
                          （<Ja>{event.reason}</Ja>）
                        </>
                      ) : null}
                    </li>
                  );
                })}
              </ol>
            </details>
            {filing.status === "submitted" || filing.status === "returned" ? (
              <FilingAction filingId={filing.id} action="withdraw" label={actions.withdraw} secondary confirmText={actions.withdrawConfirm} failedText={actions.failed} />
            ) : null}
          </li>
        ))}
      </ul>
      <BackToMenu label={r(t.common.backToMenu)} />
    </>
  );
}
