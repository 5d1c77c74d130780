import { redirect } from "next/navigation";
import { BackToMenu, CounterGuidanceBox, LinkButton, Notice, StepHeader } from "@/components/liff/ui";
import { formatWareki } from "@/lib/dates/wareki";
import { previewLineFiling } from "@/lib/filings/resident-operations";
import { runAsCurrentResident } from "@/lib/residents/current";
import { loadStep, STEPS } from "../../load";
import { SubmitFiling } from "./submit-filing";

export const dynamic = "force-dynamic";
export const metadata = { title: "内容の 確認" };

export default async function BenefitConfirm({ params, searchParams }: { params: Promise<{ programId: string }>; searchParams: Promise<{ ref?: string; jpki?: string }> }) {
  const { programId } = await params;
  const { ref, jpki } = await searchParams;
  const { program } = await loadStep(programId, `/liff/benefit/${programId}/confirm`);
  if (jpki && jpki !== "verified") {
    redirect(`/liff/benefit/${program.id}/identity?${new URLSearchParams({ jpki, ...(ref ? { ref } : {}) })}`);
  }
  const preview = await runAsCurrentResident(previewLineFiling, { programId: program.id, referenceCode: ref });
  if (!preview.ok) {
    return (
      <>
        <StepHeader step={4} of={STEPS} title="内容の 確認" en="Check your answers" />
        <Notice tone="warn">{("fieldErrors" in preview ? preview.fieldErrors?.referenceCode?.[0] : undefined) ?? preview.error}</Notice>
        <LinkButton href={`/liff/benefit/${program.id}/reference`}>照会番号を 入れなおす（Re-enter）</LinkButton>
        <BackToMenu />
      </>
    );
  }
  const outcome = preview.data;
  if (outcome.kind === "needs_identity") redirect(`/liff/benefit/${program.id}/identity${ref ? `?ref=${ref}` : ""}`);
  return (
    <>
      <StepHeader step={4} of={STEPS} title="内容の 確認" en="Check your answers" />
      {outcome.kind === "closed" ? <Notice tone="warn">{outcome.message}</Notice> : null}
      {outcome.kind === "no_match" ? (
        <>
          <Notice tone="warn">
            マイナンバーカードの 情報と 一致する 世帯が 名簿に 見つかりませんでした。引っ越しなどで 住所が かわった 方は、窓口で もうしこんで ください。
            <span className="block text-std-16N-170">We could not find your household on the list. Please apply at the counter.</span>
          </Notice>
          <CounterGuidanceBox counter={outcome.counter} />
        </>
      ) : null}
      {outcome.kind === "not_head" ? (
        <>
          <Notice tone="warn">
            この支援は 世帯主の 方（{outcome.headName ?? "世帯主"}さん）が もうしこみます。世帯主の 方の LINEで もうしこむか、窓口に おこしください。
            <span className="block text-std-16N-170">Only the head of the household can apply. Ask them to apply, or come to the counter.</span>
          </Notice>
          <CounterGuidanceBox counter={outcome.counter} />
        </>
      ) : null}
      {outcome.kind === "reference_mismatch" ? (
        <>
          <Notice tone="warn">
            照会番号が、本人確認した 方の 世帯と ちがいます。お手紙の 番号を たしかめるか、とばして ください。
            <span className="block text-std-16N-170">The reference code does not match your household.</span>
          </Notice>
          <LinkButton href={`/liff/benefit/${program.id}/reference`}>照会番号を 入れなおす（Re-enter）</LinkButton>
          <CounterGuidanceBox counter={outcome.counter} />
        </>
      ) : null}
      {outcome.kind === "no_match" || outcome.kind === "not_head" ? (
        <LinkButton secondary href={`/liff/benefit/${program.id}/identity?${new URLSearchParams({ jpki: "retry", ...(ref ? { ref } : {}) })}`}>
          べつの カードで 本人確認を やりなおす（Verify again）
        </LinkButton>
      ) : null}
      {outcome.kind === "ready" ? (
        <>
          <p>この 内容で まちがいが なければ、「この内容で もうしこむ」を おしてください。（If this is right, press the button.）</p>
          <dl className="flex flex-col gap-3 rounded-12 bg-solid-gray-50 p-4">
            <div>
              <dt className="text-std-16B-170">住所（Address）</dt>
              <dd>{outcome.address}</dd>
            </div>
            <div>
              <dt className="text-std-16B-170">世帯の 人（Household members）</dt>
              <dd>
                <ul className="flex flex-col gap-1">
                  {outcome.members.map((member) => (
                    <li key={`${member.name}-${member.birthDate}`}>
                      {member.name}（{formatWareki(member.birthDate)}生まれ）{member.isHead ? "・世帯主" : ""}
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
            <div>
              <dt className="text-std-16B-170">もらえる ポイント（Points）</dt>
              <dd className="text-std-24B-150">
                {outcome.points.toLocaleString("ja-JP")}ポイント
                <span className="block text-std-16N-170">
                  {outcome.members.length}人 × {outcome.pointsPerPerson.toLocaleString("ja-JP")}ポイント
                </span>
              </dd>
            </div>
          </dl>
          <SubmitFiling programId={program.id} referenceCode={ref ?? null} />
        </>
      ) : null}
      <BackToMenu />
    </>
  );
}
