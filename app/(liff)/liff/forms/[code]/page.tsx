import Link from "next/link";
import { rubyFor } from "@/components/liff/furigana";
import { Ja, Notice, PRIMARY_BUTTON, StepHeader } from "@/components/liff/ui";
import { textIn } from "@/lib/forms/definition";
import { getResidentDraft } from "@/lib/forms/filling";
import { FORM_MESSAGES } from "@/lib/forms/messages";
import { fill, FORM_PAGE_MESSAGES, residentDate } from "@/lib/forms/page-messages";
import { getResidentMessages, residentTitle } from "@/lib/i18n/resident";
import { residentErrorText } from "@/lib/i18n/resident-errors";
import { loadForm } from "./load";

export const dynamic = "force-dynamic";
export const generateMetadata = residentTitle((t) => t.notYetOnline.apply.title);

/** A form's intro: what it is, what is needed (card, fee, time), then start or continue the saved draft. */
export default async function FormIntro({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: Promise<{ error?: string }> }) {
  const { code } = await params;
  const { error } = await searchParams;
  const { resident, form, db } = await loadForm(code, `/liff/forms/${code}`);
  const { locale, t } = await getResidentMessages();
  const m = FORM_PAGE_MESSAGES[locale];
  const r = rubyFor(locale);
  const yen = FORM_MESSAGES[locale].yen;
  const found = await getResidentDraft(db, { residentId: resident.id, formId: form.id });
  // A draft keeps the version it was started on: its wording, even after a newer version went live.
  const definition = found?.definition ?? form.definition;
  const minutes = Math.max(3, definition.pages.length + (definition.identity === "jpki" ? 3 : 0));
  const payment = definition.payment;
  return (
    <>
      <StepHeader title={<Ja>{r(textIn(definition.title, locale))}</Ja>} />
      {error === "rate_limited" || error === "invalid" ? <Notice tone="warn">{residentErrorText(t, { code: error })}</Notice> : null}
      {definition.description ? <p className="whitespace-pre-line">{r(textIn(definition.description, locale))}</p> : null}
      <section aria-labelledby="needs" className="flex flex-col gap-2 rounded-12 bg-solid-gray-50 p-4">
        <h2 id="needs" className="text-std-18B-160">{r(m.needTitle)}</h2>
        <ul className="list-disc pl-6">
          {definition.identity === "jpki" ? <li>{r(m.needsCard)}</li> : null}
          <li>{r(payment.timing === "on_filing" ? m.feeOnFiling : payment.timing === "after_review" ? m.feeAfterReview : m.noFee)}</li>
          {definition.delivery === "mail" ? <li>{r(m.deliveryMail)}</li> : definition.delivery === "counter" ? <li>{r(m.deliveryCounter)}</li> : null}
          <li>{r(fill(m.timeNeeded, { n: minutes }))}</li>
        </ul>
        {payment.timing !== "none" && payment.items.length > 0 ? (
          <ul className="flex flex-col gap-1" aria-label={m.feeTitle}>
            {payment.items.map((item, index) => (
              <li key={index}>{r(textIn(item.label, locale))}: {yen(item.unitAmount)}</li>
            ))}
          </ul>
        ) : null}
      </section>
      {found ? <Notice tone="info">{r(fill(m.draftSaved, { date: residentDate(found.draft.expiresAt, locale) }))}</Notice> : null}
      <form method="post" action={`/liff/forms/${code}/start`}>
        <button type="submit" className={PRIMARY_BUTTON}>{r(found ? m.resume : m.start)}</button>
      </form>
      <Link href="/liff/forms" className="text-std-18N-160">{r(m.backToForms)}</Link>
    </>
  );
}
