import { redirect } from "next/navigation";
import { BackToMenu, LinkButton, Notice, StepHeader } from "@/components/liff/ui";
import { getDb } from "@/db";
import { getValidVerification } from "@/lib/jpki/flow";
import { filingPurpose } from "@/lib/filings/resident-operations";
import { validateReferenceCode } from "@/lib/letters/reference-code";
import { loadStep, STEPS } from "../../load";

export const dynamic = "force-dynamic";
export const metadata = { title: "本人確認" };

const JPKI_RESULTS: Record<string, string> = {
  user_cancelled: "本人確認を とちゅうで やめました。もう一度 できます。（You cancelled. You can try again.）",
  card_locked: "マイナンバーカードが ロックされています。役場の 窓口で 解除できます。窓口で もうしこむことも できます。（Your card is locked.）",
  expired_request: "時間が たちすぎました。もう一度 はじめてください。（This took too long.）",
};

export default async function BenefitIdentity({ params, searchParams }: { params: Promise<{ programId: string }>; searchParams: Promise<{ ref?: string; jpki?: string }> }) {
  const { programId } = await params;
  const { ref, jpki } = await searchParams;
  const { resident, program } = await loadStep(programId, `/liff/benefit/${programId}/identity`);
  let reference = "";
  if (ref?.trim()) {
    const checked = validateReferenceCode(ref);
    if (!checked.ok) redirect(`/liff/benefit/${program.id}/reference?error=${encodeURIComponent(checked.reason)}`);
    reference = checked.code;
  }
  const confirm = `/liff/benefit/${program.id}/confirm${reference ? `?ref=${reference}` : ""}`;
  const verified = await getValidVerification(await getDb(), resident.id, filingPurpose(program.id));
  if (verified && jpki !== "retry") redirect(confirm);
  const start = `/api/jpki/start?${new URLSearchParams({ purpose: filingPurpose(program.id), returnTo: confirm })}`;
  return (
    <>
      <StepHeader step={3} of={STEPS} title="マイナンバーカードで 本人確認" en="Confirm who you are with your My Number card" />
      {jpki && JPKI_RESULTS[jpki] ? <Notice tone="warn">{JPKI_RESULTS[jpki]}</Notice> : null}
      <p>
        カードを スマートフォンの うらに あてて 読み取ります。名前・住所・生年月日・性別だけを 使います。マイナンバー（12けたの 番号）は 使いません。
        <span className="block text-std-16N-170 text-solid-gray-700">We use only your name, address, date of birth and sex — never your 12-digit number.</span>
      </p>
      <LinkButton href={start}>本人確認を はじめる（Start）</LinkButton>
      <BackToMenu />
    </>
  );
}
