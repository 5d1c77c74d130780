import { BackToMenu, StepHeader } from "@/components/liff/ui";
import { getResidentMessages } from "@/lib/i18n/resident";

/** A LIFF page that does not exist: say so in the resident's language and lead back to the resident menu, never to the staff console. */
export default async function LiffNotFound() {
  const { t } = await getResidentMessages();
  return (
    <>
      <StepHeader title={t.notFound.title} />
      <p>{t.notFound.body}</p>
      <BackToMenu label={t.common.backToMenu} />
    </>
  );
}
