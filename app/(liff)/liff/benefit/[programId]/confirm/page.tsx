import { redirect } from "next/navigation";
import { BackToMenu, CounterGuidanceBox, Ja, LinkButton, Notice, StepHeader } from "@/components/liff/ui";
import { rubyFor } from "@/components/liff/furigana";
import { getResidentMessages, residentTitle } from "@/lib/i18n/resident";
import { residentFailureText } from "@/lib/i18n/resident-errors";
import { referenceCodeProblem } from "@/lib/letters/reference-code";
import { previewLineFiling } from "@/lib/filings/resident-operations";
import { runAsCurrentResident } from "@/lib/residents/current";
import { loadStep, stepsOf } from "../../load";
import { typedReference } from "../../without-card";
import { SubmitFiling } from "./submit-filing";
import { EmoneyBox } from "@/components/liff/emoney-box";
import { emoneyGuidanceFor } from "@/lib/filings/resident-texts";

export const dynamic = "force-dynamic";
export const generateMetadata = residentTitle((t) => t.benefit.confirm.title);

export default async function BenefitConfirm({ params, searchParams }: { params: Promise<{ programId: string }>; searchParams: Promise<{ ref?: string; jpki?: string; born?: string }> }) {
  const { programId } = await params;
  const { ref, jpki, born } = await searchParams;
  const { program } = await loadStep(programId, `/liff/benefit/${programId}/confirm`);
  if (jpki && jpki !== "verified") {
    redirect(`/liff/benefit/${program.id}/identity?${new URLSearchParams({ jpki, ...(ref ? { ref } : {}) })}`);
  }
  const { locale, t } = await getResidentMessages();
  const r = rubyFor(locale);
  const emoney = emoneyGuidanceFor(program, locale);
  const m = t.benefit.confirm;
  // Re-entering starts from what was typed: the code and the birth date come back into the form.
  const [by, bm, bd] = born && /^\d{4}-\d{2}-\d{2}$/.test(born) ? born.split("-").map((part) => String(Number(part))) : [];
  const reenter = `/liff/benefit/${program.id}/reference?${new URLSearchParams(Object.entries({ ref: typedReference(ref), by, bm, bd }).filter((entry): entry is [string, string] => Boolean(entry[1])))}`;
  const steps = stepsOf(program);
  const header = <StepHeader progress={r(t.common.step(steps, steps))} title={r(m.title)} />;
  const preview = await runAsCurrentResident(previewLineFiling, { programId: program.id, referenceCode: ref, headBirthDate: born });
  if (!preview.ok) {
    // A mistyped code is said as the reference step says it; anything else as the server refused it.
    const problem = preview.status === 400 && ref ? referenceCodeProblem(ref) : null;
    const failure = problem ? { text: t.benefit.reference.errors[problem] } : residentFailureText(t, preview);
    return (
      <>
        {header}
        <Notice tone="warn">
          <span lang={failure.lang}>{failure.text}</span>
        </Notice>
        <LinkButton href={reenter}>{r(m.reenter)}</LinkButton>
        <BackToMenu label={r(t.common.backToMenu)} />
      </>
    );
  }
  const outcome = preview.data;
  if (outcome.kind === "needs_identity") redirect(`/liff/benefit/${program.id}/identity${ref ? `?ref=${ref}` : ""}`);
  if (outcome.kind === "needs_reference") redirect(`/liff/benefit/${program.id}/reference`);
  return (
    <>
      {header}
      {outcome.kind === "closed" ? (
        <Notice tone="warn">{r(t.errors.closed[outcome.closure])}</Notice>
      ) : null}
      {outcome.kind === "no_match" ? (
        <>
          <Notice tone="warn">{r(m.noMatch)}</Notice>
          <CounterGuidanceBox counter={outcome.counter} labels={t.counter} locale={locale} />
        </>
      ) : null}
      {outcome.kind === "not_head" ? (
        <>
          <Notice tone="warn">{r(m.notHead(outcome.headName))}</Notice>
          <CounterGuidanceBox counter={outcome.counter} labels={t.counter} locale={locale} />
        </>
      ) : null}
      {outcome.kind === "reference_mismatch" ? (
        <>
          <Notice tone="warn">{program.lineRequiresJpki ? m.referenceMismatch : t.benefit.reference.withoutCard.mismatch}</Notice>
          <LinkButton href={reenter}>{r(m.reenter)}</LinkButton>
          <CounterGuidanceBox counter={outcome.counter} labels={t.counter} locale={locale} />
        </>
      ) : null}
      {outcome.kind === "already_filed" ? (
        <>
          {/* One filing per household: the server's message says when and where; no apply button here. */}
          <Notice tone={outcome.own ? "info" : "warn"}>{r(outcome.own ? m.ownFiled(outcome.submittedAt) : t.errors.alreadyFiled(outcome.submittedAt, outcome.channel))}</Notice>
          {outcome.own ? (
            <LinkButton href={outcome.filingId ? `/liff/benefit/receipt/${outcome.filingId}` : "/liff/benefit/status"}>{r(m.seeReceipt)}</LinkButton>
          ) : (
            <CounterGuidanceBox counter={outcome.counter} labels={t.counter} locale={locale} />
          )}
        </>
      ) : null}
      {outcome.kind === "no_match" || outcome.kind === "not_head" ? (
        <LinkButton secondary href={`/liff/benefit/${program.id}/identity?${new URLSearchParams({ jpki: "retry", ...(ref ? { ref } : {}) })}`}>
          {r(m.retryIdentity)}
        </LinkButton>
      ) : null}
      {outcome.kind === "ready" ? (
        <>
          <p>{r(m.readyIntro)}</p>
          <dl className="flex flex-col gap-3 rounded-12 bg-solid-gray-50 p-4">
            <div>
              <dt className="text-std-16B-170">{r(m.address)}</dt>
              <dd lang="ja">{outcome.address}</dd>
            </div>
            <div>
              <dt className="text-std-16B-170">{r(m.members)}</dt>
              <dd>
                <ul className="flex flex-col gap-1">
                  {outcome.members.map((member) => (
                    <li key={`${member.name}-${member.birthDate}`}>
                      <Ja>{member.name}</Ja>
                      {r(m.memberDetails(member.birthDate, member.isHead))}
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
            <div>
              <dt className="text-std-16B-170">{r(m.points)}</dt>
              <dd className="text-std-24B-150">
                {r(t.common.points(outcome.points))}
                <span className="block text-std-16N-170">{r(m.breakdown(outcome.members.length, outcome.pointsPerPerson))}</span>
              </dd>
            </div>
          </dl>
          {emoney ? <EmoneyBox emoney={emoney} labels={t.benefit.emoney} r={r} /> : null}
          <SubmitFiling programId={program.id} referenceCode={ref ?? null} headBirthDate={born ?? null} messages={t.benefit.submit} easy={locale === "ja-easy"} />
        </>
      ) : null}
      <BackToMenu label={r(t.common.backToMenu)} />
    </>
  );
}
