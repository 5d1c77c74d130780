import { BackToMenu, LinkButton, StepHeader } from "@/components/liff/ui";
import { loadStep, STEPS } from "../load";

export const dynamic = "force-dynamic";
export const metadata = { title: "もうしこみの 前に" };

export default async function BenefitIntro({ params }: { params: Promise<{ programId: string }> }) {
  const { programId } = await params;
  const { program } = await loadStep(programId, `/liff/benefit/${programId}`);
  return (
    <>
      <StepHeader step={1} of={STEPS} title={program.name} en="Before you apply" />
      <ul className="flex list-disc flex-col gap-2 pl-6">
        <li>
          世帯の 人数 × {program.pointsPerPerson.toLocaleString("ja-JP")}ポイントが、世帯主の 方に とどきます。
          <span className="block text-std-16N-170 text-solid-gray-700">Points per member go to the head of the household.</span>
        </li>
        <li>
          もうしこむのは 世帯主の 方 ひとりだけです。家族が べつべつに もうしこむ ひつようは ありません。
          <span className="block text-std-16N-170 text-solid-gray-700">Only the head applies, once for the whole household.</span>
        </li>
        {program.lineRequiresJpki ? (
          <li>
            マイナンバーカードと、暗証番号（数字4けた）を 用意してください。
            <span className="block text-std-16N-170 text-solid-gray-700">Have your My Number card and its 4-digit PIN ready.</span>
          </li>
        ) : null}
      </ul>
      <LinkButton href={`/liff/benefit/${program.id}/reference`}>はじめる（Start）</LinkButton>
      <BackToMenu />
    </>
  );
}
