import { BackToMenu, Ja, LinkButton, StepHeader } from "@/components/liff/ui";
import { rubyFor } from "@/components/liff/furigana";
import { getResidentMessages, residentTitle } from "@/lib/i18n/resident";
import { loadStep, stepsOf } from "../load";
import { EmoneyBox } from "@/components/liff/emoney-box";
import { emoneyGuidanceFor, programNameFor } from "@/lib/filings/resident-texts";

export const dynamic = "force-dynamic";
export const generateMetadata = residentTitle((t) => t.benefit.intro.subtitle);

export default async function BenefitIntro({ params }: { params: Promise<{ programId: string }> }) {
  const { programId } = await params;
  const { program } = await loadStep(programId, `/liff/benefit/${programId}`);
  const { locale, t } = await getResidentMessages();
  const r = rubyFor(locale);
  const emoney = emoneyGuidanceFor(program, locale);
  const m = t.benefit.intro;
  return (
    <>
      <StepHeader progress={r(t.common.step(1, stepsOf(program)))} title={<Ja>{r(programNameFor(program, locale))}</Ja>} subtitle={r(m.subtitle)} />
      <ul className="flex list-disc flex-col gap-2 pl-6">
        <li>{r(m.pointsToHead(program.pointsPerPerson))}</li>
        <li>{r(m.headOnly)}</li>
        {program.lineRequiresJpki ? <li>{r(m.prepareCard)}</li> : null}
      </ul>
      {emoney ? <EmoneyBox emoney={emoney} labels={t.benefit.emoney} r={r} /> : null}
      <LinkButton href={`/liff/benefit/${program.id}/reference`}>{r(m.start)}</LinkButton>
      <BackToMenu label={r(t.common.backToMenu)} />
    </>
  );
}
