import { BackToMenu, Ja, LinkButton, StepHeader } from "@/components/liff/ui";
import { getResidentMessages, residentTitle } from "@/lib/i18n/resident";
import { loadStep, stepsOf } from "../load";

export const dynamic = "force-dynamic";
export const generateMetadata = residentTitle((t) => t.benefit.intro.subtitle);

export default async function BenefitIntro({ params }: { params: Promise<{ programId: string }> }) {
  const { programId } = await params;
  const { program } = await loadStep(programId, `/liff/benefit/${programId}`);
  const { t } = await getResidentMessages();
  const m = t.benefit.intro;
  return (
    <>
      <StepHeader progress={t.common.step(1, stepsOf(program))} title={<Ja>{program.name}</Ja>} subtitle={m.subtitle} />
      <ul className="flex list-disc flex-col gap-2 pl-6">
        <li>{m.pointsToHead(program.pointsPerPerson)}</li>
        <li>{m.headOnly}</li>
        {program.lineRequiresJpki ? <li>{m.prepareCard}</li> : null}
      </ul>
      <LinkButton href={`/liff/benefit/${program.id}/reference`}>{m.start}</LinkButton>
      <BackToMenu label={t.common.backToMenu} />
    </>
  );
}
