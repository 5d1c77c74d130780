import Link from "next/link";
import { getConfig } from "@/lib/config/env";
import { simulatorToolsEnabled } from "@/lib/line/dev";
import { ensureInProcessWorker } from "@/lib/line/in-process";
import { redirect } from "next/navigation";
import { getCurrentResident, safeLiffPath } from "@/lib/residents/current";
import { DEMO_RESIDENTS } from "@/lib/residents/demo";
import { getResidentMessages } from "@/lib/i18n/resident";
import { APPLICATION_MESSAGES } from "@/lib/applications/messages";
import { rubyFor } from "@/components/liff/furigana";
import { LiffSignIn } from "./liff-sign-in";

export const dynamic = "force-dynamic";

const MENU = [
  { href: "/liff/benefit", key: "benefit" },
  { href: "/liff/apply", key: "apply" },
  { href: "/liff/reservations", key: "booking" },
  { href: "/liff/settings", key: "topics" },
] as const;

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
          demoResidents={mock ? DEMO_RESIDENTS.map((r) => ({ key: r.key, displayName: `${r.filing.name}（${r.displayName}）`, label: t.home.scenarios[r.jpkiScenario] })) : []}
        />
      </>
    );
  }
  // "My applications" (benefit filings and form submissions together); its texts live with it in lib/applications.
  const r = rubyFor(locale);
  const applications = { title: r(APPLICATION_MESSAGES[locale].menu.title), description: r(APPLICATION_MESSAGES[locale].menu.description) };
  return (
    <>
      <header className="flex flex-col gap-1">
        <h1 className="text-std-24B-150">{t.common.appName}</h1>
        <p className="text-std-16N-170 text-solid-gray-700">{t.home.hello(resident.displayName ?? "LINE")}</p>
      </header>
      <nav aria-label={t.home.menuLabel}>
        <ul className="grid grid-cols-1 gap-3">
          {[...MENU.map((item) => ({ href: item.href, ...t.home.menu[item.key] })), { href: "/liff/applications", ...applications }].map((item) => (
            <li key={item.href}>
              <Link
                href={item.href}
                className="flex min-h-16 flex-col justify-center rounded-12 border-2 border-blue-900 px-4 py-3 text-blue-900 no-underline hover:bg-blue-50"
              >
                <span className="text-std-20B-150">{item.title}</span>
                <span className="text-std-16N-170 text-solid-gray-700">{item.description}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Link href="/liff/jpki" className="text-std-18N-160">
        {t.home.jpkiLink}
      </Link>
    </>
  );
}
