import Link from "next/link";
import { redirect } from "next/navigation";
import { IdentityBlock } from "@/components/form-filler/identity-block";
import { rubyFor } from "@/components/liff/furigana";
import { LinkButton, Notice, StepHeader } from "@/components/liff/ui";
import { textIn } from "@/lib/forms/definition";
import { getFormIdentity, getResidentDraft } from "@/lib/forms/filling";
import { FORM_PAGE_MESSAGES } from "@/lib/forms/page-messages";
import { jpkiPurposeOf } from "@/lib/forms/submissions";
import { getResidentMessages, residentTitle } from "@/lib/i18n/resident";
import { loadForm, resumeHref } from "../load";

export const dynamic = "force-dynamic";
export const generateMetadata = residentTitle((t) => t.jpki.metaTitle);

/** The JPKI step before the questions: the card's 基本4情報 become the applicant's, shown read-only. */
export default async function FormIdentity({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: Promise<{ jpki?: string }> }) {
  const { code } = await params;
  const { jpki } = await searchParams;
  const { resident, form, db } = await loadForm(code, `/liff/forms/${code}/identity`);
  const found = await getResidentDraft(db, { residentId: resident.id, formId: form.id });
  if (!found) redirect(`/liff/forms/${code}`);
  if (found.definition.identity !== "jpki") redirect(resumeHref(code, found.draft, found.definition));
  const identity = await getFormIdentity(db, { residentId: resident.id, formId: form.id });
  const { locale } = await getResidentMessages();
  const m = FORM_PAGE_MESSAGES[locale];
  const r = rubyFor(locale);
  const start = `/api/jpki/start?${new URLSearchParams({ purpose: jpkiPurposeOf(form.id), returnTo: `/liff/forms/${code}/identity` })}`;
  return (
    <>
      <StepHeader title={r(m.identityTitle)} subtitle={r(textIn(found.definition.title, locale))} />
      {identity ? (
        <>
          <Notice tone="ok">{r(m.identityDone)}</Notice>
          <IdentityBlock identity={identity} locale={locale} messages={m.filler} />
          <LinkButton href={resumeHref(code, found.draft, found.definition)}>{r(m.filler.next)}</LinkButton>
        </>
      ) : (
        <>
          {jpki && jpki !== "verified" ? <Notice tone="warn">{r(m.identityFailed)}</Notice> : null}
          <p>{r(m.identityIntro)}</p>
          <LinkButton href={start}>{r(m.identityStart)}</LinkButton>
        </>
      )}
      <Link href={`/liff/forms/${code}`} className="text-std-18N-160">{r(m.filler.back)}</Link>
    </>
  );
}
