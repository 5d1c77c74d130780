import Link from "next/link";
import { rubyFor } from "@/components/liff/furigana";
import { BackToMenu, Ja, Notice, SECONDARY_BUTTON, StepHeader } from "@/components/liff/ui";
import { getDb } from "@/db";
import { textIn } from "@/lib/forms/definition";
import { getResidentDraftExpiries } from "@/lib/forms/filling";
import { fill, FORM_PAGE_MESSAGES, residentDate } from "@/lib/forms/page-messages";
import { getLiveForms } from "@/lib/forms/queries";
import { getResidentMessages, residentTitle } from "@/lib/i18n/resident";
import { requireResidentPage } from "@/lib/residents/current";

export const dynamic = "force-dynamic";
export const generateMetadata = residentTitle((t) => t.notYetOnline.apply.title);

export default async function FormsHome() {
  const resident = await requireResidentPage("/liff/forms");
  const db = await getDb();
  const [{ locale, t }, live, drafts] = await Promise.all([getResidentMessages(), getLiveForms(db), getResidentDraftExpiries(db, { residentId: resident.id })]);
  const m = FORM_PAGE_MESSAGES[locale];
  const r = rubyFor(locale);
  return (
    <>
      <StepHeader title={m.listTitle} />
      {live.length === 0 ? (
        <p>{m.none}</p>
      ) : (
        <ul className="flex flex-col gap-4">
          {live.map(({ id, code, definition }) => (
            <li key={id} className="flex flex-col gap-2 rounded-12 border-2 border-solid-gray-200 p-4">
              <h2 className="text-std-20B-150">{locale === "en" && definition.title.en ? definition.title.en : <Ja>{r(textIn(definition.title, locale))}</Ja>}</h2>
              {definition.description ? <p>{r(textIn(definition.description, locale))}</p> : null}
              <ul className="list-disc pl-6 text-std-16N-170">
                {definition.identity === "jpki" ? <li>{r(m.needsCard)}</li> : null}
                <li>{r(definition.payment.timing === "on_filing" ? m.feeOnFiling : definition.payment.timing === "after_review" ? m.feeAfterReview : m.noFee)}</li>
              </ul>
              {drafts.has(id) ? <Notice tone="info">{r(fill(m.draftSaved, { date: residentDate(drafts.get(id)!, locale) }))}</Notice> : null}
              <Link href={`/liff/forms/${code}`} className={SECONDARY_BUTTON}>
                {r(drafts.has(id) ? m.resume : m.start)}
                <span className="sr-only">: {textIn(definition.title, locale)}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <BackToMenu label={t.common.backToMenu} />
    </>
  );
}
