import Link from "next/link";
import { redirect } from "next/navigation";
import { AnswerSummary, FeeSummary } from "@/components/form-filler/answer-summary";
import { SubmitDraft } from "@/components/form-filler/submit-draft";
import { rubyFor } from "@/components/liff/furigana";
import { Notice, StepHeader } from "@/components/liff/ui";
import { validateAnswers } from "@/lib/forms/answers";
import { textIn } from "@/lib/forms/definition";
import { computeFee } from "@/lib/forms/fees";
import { fill, FORM_PAGE_MESSAGES, residentDate } from "@/lib/forms/page-messages";
import { getResidentMessages, residentTitle } from "@/lib/i18n/resident";
import { loadDraft, resumeHref } from "../load";

export const dynamic = "force-dynamic";
export const generateMetadata = residentTitle((t) => t.notYetOnline.apply.title);

/** Check your answers: every answer with a change link per page, the fee, then apply (and pay). */
export default async function FormCheck({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: Promise<{ saved?: string }> }) {
  const { code } = await params;
  const { saved } = await searchParams;
  const { draft, definition, identity } = await loadDraft(code, `/liff/forms/${code}/check`);
  const { locale } = await getResidentMessages();
  const m = FORM_PAGE_MESSAGES[locale];
  const r = rubyFor(locale);
  const checked = validateAnswers(definition, draft.answers, { locale, identity });
  // Not finished (or an answer no longer holds): back to the page that needs it.
  if (!checked.ok) {
    const first = checked.problems[0]!.questionId.split(".")[0];
    const page = definition.pages.find((p) => p.questions.some((q) => q.id === first));
    redirect(page ? `/liff/forms/${code}/p/${page.id}` : resumeHref(code, draft, definition));
  }
  const pays = definition.payment.timing === "on_filing" && computeFee(definition, checked.answers).total > 0;
  return (
    <>
      {saved === "1" ? <Notice tone="ok">{r(fill(m.filler.saved, { date: residentDate(draft.expiresAt, locale) }))}</Notice> : null}
      <StepHeader title={r(m.checkTitle)} subtitle={r(textIn(definition.title, locale))} />
      <p>{r(m.checkIntro)}</p>
      <AnswerSummary
        definition={definition}
        answers={checked.answers}
        locale={locale}
        change={(pageId, label) => (
          <Link href={`/liff/forms/${code}/p/${pageId}?change=1`} className="text-std-18N-160">
            {r(m.filler.change)}
            <span className="sr-only">: {label}</span>
          </Link>
        )}
      />
      <FeeSummary definition={definition} answers={checked.answers} locale={locale} />
      <SubmitDraft draftId={draft.id} locale={locale} messages={m.filler} pays={pays} />
      <Link href="/liff/forms" className="text-std-18N-160">{r(m.backToForms)}</Link>
    </>
  );
}
