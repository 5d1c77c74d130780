import { redirect } from "next/navigation";
import { BackToMenu, LinkButton, Notice, StepHeader } from "@/components/liff/ui";
import { getDb } from "@/db";
import { rubyFor } from "@/components/liff/furigana";
import { getResidentMessages, residentTitle } from "@/lib/i18n/resident";
import { getValidVerification } from "@/lib/jpki/flow";
import { filingPurpose } from "@/lib/filings/resident-operations";
import { referenceCodeProblem, validateReferenceCode } from "@/lib/letters/reference-code";
import { loadStep, STEPS } from "../../load";
import { birthDateFromParts, referenceRetryQuery } from "../../without-card";

export const dynamic = "force-dynamic";
export const generateMetadata = residentTitle((t) => t.benefit.identity.metaTitle);

export default async function BenefitIdentity({ params, searchParams }: { params: Promise<{ programId: string }>; searchParams: Promise<{ ref?: string; jpki?: string; by?: string; bm?: string; bd?: string }> }) {
  const { programId } = await params;
  const { ref, jpki, by, bm, bd } = await searchParams;
  const { resident, program } = await loadStep(programId, `/liff/benefit/${programId}/identity`);
  let reference = "";
  if (ref?.trim()) {
    const checked = validateReferenceCode(ref);
    // The reference page shows its own words for the code; the URL carries no text.
    // What was typed comes back into the field, so a slip is corrected rather than typed again.
    if (!checked.ok) redirect(`/liff/benefit/${program.id}/reference?${referenceRetryQuery(referenceCodeProblem(ref) ?? "check_digit", { ref, by, bm, bd })}`);
    reference = checked.code;
  }
  if (!program.lineRequiresJpki) {
    // No card step on this program: the code and the head's birth date go straight to the check-your-answers page.
    const born = birthDateFromParts(by, bm, bd);
    if (!reference) redirect(`/liff/benefit/${program.id}/reference?${referenceRetryQuery("required", { by, bm, bd })}`);
    if (!born) redirect(`/liff/benefit/${program.id}/reference?${referenceRetryQuery("birth_date", { ref: reference, by, bm, bd })}`);
    redirect(`/liff/benefit/${program.id}/confirm?${new URLSearchParams({ ref: reference, born })}`);
  }
  const confirm = `/liff/benefit/${program.id}/confirm${reference ? `?ref=${reference}` : ""}`;
  const verified = await getValidVerification(await getDb(), resident.id, filingPurpose(program.id));
  if (verified && jpki !== "retry") redirect(confirm);
  const start = `/api/jpki/start?${new URLSearchParams({ purpose: filingPurpose(program.id), returnTo: confirm })}`;
  const { locale, t } = await getResidentMessages();
  const r = rubyFor(locale);
  const m = t.benefit.identity;
  const notice = jpki && Object.hasOwn(m.results, jpki) ? m.results[jpki as keyof typeof m.results] : null;
  return (
    <>
      <StepHeader progress={r(t.common.step(3, STEPS))} title={r(m.title)} />
      {notice ? <Notice tone="warn">{notice}</Notice> : null}
      <p>{r(m.intro)}</p>
      <LinkButton href={start}>{r(m.start)}</LinkButton>
      <BackToMenu label={r(t.common.backToMenu)} />
    </>
  );
}
