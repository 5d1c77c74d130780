import { BackToMenu, Ja, StepHeader } from "@/components/liff/ui";
import { getDb } from "@/db";
import { textIn } from "@/lib/forms/definition";
import { FORM_PAGE_MESSAGES } from "@/lib/forms/page-messages";
import { getLiveForms } from "@/lib/forms/queries";
import { getResidentMessages, residentTitle } from "@/lib/i18n/resident";
import { requireResidentPage } from "@/lib/residents/current";

export const dynamic = "force-dynamic";
export const generateMetadata = residentTitle((t) => t.notYetOnline.apply.title);

export default async function FormsHome() {
  await requireResidentPage("/liff/forms");
  const [{ locale, t }, live] = await Promise.all([getResidentMessages(), getDb().then(getLiveForms)]);
  const m = FORM_PAGE_MESSAGES[locale];
  return (
    <>
      <StepHeader title={m.listTitle} />
      {live.length === 0 ? (
        <p>{m.none}</p>
      ) : (
        <ul className="flex flex-col gap-4">
          {live.map(({ id, definition }) => (
            <li key={id} className="flex flex-col gap-2 rounded-12 border-2 border-solid-gray-200 p-4">
              <h2 className="text-std-20B-150">{locale === "en" && definition.title.en ? definition.title.en : <Ja>{textIn(definition.title, locale)}</Ja>}</h2>
              {definition.description ? <p>{textIn(definition.description, locale)}</p> : null}
              <ul className="list-disc pl-6 text-std-16N-170">
                {definition.identity === "jpki" ? <li>{m.needsCard}</li> : null}
                <li>{definition.payment.timing === "on_filing" ? m.feeOnFiling : definition.payment.timing === "after_review" ? m.feeAfterReview : m.noFee}</li>
              </ul>
            </li>
          ))}
        </ul>
      )}
      <BackToMenu label={t.common.backToMenu} />
    </>
  );
}
