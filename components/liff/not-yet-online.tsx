import { BackToMenu, StepHeader } from "./ui";

/**
 * A rich-menu service the town has not moved onto LINE yet: say so plainly and say where to go instead,
 * rather than leaving a resident who tapped the menu on an error page.
 */
export function NotYetOnline({ title, en, alternative }: { title: string; en: string; alternative: string }) {
  return (
    <>
      <StepHeader title={title} en={en} />
      <p>
        この サービスは まだ LINEでは ご利用いただけません。{alternative}
        <span className="mt-2 block text-std-16N-170 text-solid-gray-700">This service is not available on LINE yet.</span>
      </p>
      <BackToMenu />
    </>
  );
}
