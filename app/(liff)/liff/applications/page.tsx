import { rubyFor } from "@/components/liff/furigana";
import { BackToMenu, Notice, StepHeader } from "@/components/liff/ui";
import { APPLICATION_MESSAGES } from "@/lib/applications/messages";
import { viewOwnApplications } from "@/lib/applications/queries";
import { ensureInProcessFormJobs } from "@/lib/forms/in-process";
import { getResidentMessages } from "@/lib/i18n/resident";
import { residentFailureText } from "@/lib/i18n/resident-errors";
import { requireResidentPage, runAsCurrentResident } from "@/lib/residents/current";
import { ApplicationCard } from "./application-card";
import { outcomeNotice } from "./outcome";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const { locale } = await getResidentMessages();
  return { title: APPLICATION_MESSAGES[locale].title.replace(/\{[^}]*\}/g, "") };
}

/** "My applications": benefit filings and form submissions together, newest first, each with its history. */
export default async function MyApplications({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requireResidentPage("/liff/applications");
  ensureInProcessFormJobs();
  const query = await searchParams;
  const result = await runAsCurrentResident(viewOwnApplications, {});
  const { locale, t } = await getResidentMessages();
  const r = rubyFor(locale);
  const m = APPLICATION_MESSAGES[locale];
  const failure = result.ok ? null : residentFailureText(t, result);
  const outcome = outcomeNotice(query, locale);
  return (
    <>
      <StepHeader title={r(m.title)} />
      {outcome ? (
        <Notice tone={outcome.tone}>
          <span lang={outcome.lang}>{outcome.lang ? outcome.text : r(outcome.text)}</span>
        </Notice>
      ) : null}
      {failure ? (
        <Notice tone="warn">
          <span lang={failure.lang}>{failure.text}</span>
        </Notice>
      ) : null}
      {result.ok && result.data.length === 0 ? <p>{r(m.none)}</p> : null}
      {result.ok ? (
        <ul className="flex flex-col gap-4">
          {result.data.map((application) => (
            <ApplicationCard key={`${application.kind}:${application.id}`} application={application} locale={locale} r={r} confirming={query.confirm === application.id} />
          ))}
        </ul>
      ) : null}
      <BackToMenu label={r(t.common.backToMenu)} />
    </>
  );
}
