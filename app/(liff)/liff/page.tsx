import { LiffMenu } from "@/components/liff/menu";
import { getConfig } from "@/lib/config/env";
import { simulatorToolsEnabled } from "@/lib/line/dev";
import { ensureInProcessWorker } from "@/lib/line/in-process";
import { redirect } from "next/navigation";
import { getCurrentResident, safeLiffPath } from "@/lib/residents/current";
import { DEMO_RESIDENTS } from "@/lib/residents/demo";
import { getResidentMessages } from "@/lib/i18n/resident";
import { APPLICATION_MESSAGES } from "@/lib/applications/messages";
import { LiffSignIn } from "./liff-sign-in";

export const dynamic = "force-dynamic";

export default async function LiffHome({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  ensureInProcessWorker();
  const resident = await getCurrentResident();
  const next = safeLiffPath((await searchParams).next);
  const { locale, t } = await getResidentMessages();
  if (resident && next && next !== "/liff") redirect(next);
  if (!resident) {
    const config = getConfig();
    const mock = simulatorToolsEnabled();
    return (
      <>
        <h1 className="text-std-24B-150">{t.common.appName}</h1>
        <LiffSignIn
          liffId={config.LIFF_ID}
          mock={mock}
          messages={t.signIn}
          easy={locale === "ja-easy"}
          demoResidents={mock ? DEMO_RESIDENTS.map((r) => ({ key: r.key, displayName: `${r.filing.name}（${r.displayName}）`, label: t.home.scenarios[r.jpkiScenario] })) : []}
        />
      </>
    );
  }
  // "My applications" (benefit filings and form submissions together); its texts live with it in lib/applications.
  const applications = { href: "/liff/applications", title: APPLICATION_MESSAGES[locale].menu.title, description: APPLICATION_MESSAGES[locale].menu.description };
  return <LiffMenu locale={locale} t={t} displayName={resident.displayName} more={[applications]} />;
}
