import type { ResidentMessages } from "@/lib/i18n/messages";
import { BackToMenu, StepHeader } from "./ui";

/**
 * A rich-menu service the town has not moved onto LINE yet: say so plainly and say where to go instead,
 * rather than leaving a resident who tapped the menu on an error page.
 */
export function NotYetOnline({ service, t }: { service: keyof Omit<ResidentMessages["notYetOnline"], "body">; t: ResidentMessages }) {
  const { title, alternative } = t.notYetOnline[service];
  return (
    <>
      <StepHeader title={title} />
      <p>{t.notYetOnline.body}</p>
      <p>{alternative}</p>
      <BackToMenu label={t.common.backToMenu} />
    </>
  );
}
