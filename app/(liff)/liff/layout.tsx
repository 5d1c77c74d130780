import type { Metadata, Viewport } from "next";
import { Suspense } from "react";
import { HtmlLang } from "@/components/liff/html-lang";
import { LanguageSwitch } from "@/components/liff/language-switch";
import { getResidentMessages, htmlLangOf } from "@/lib/i18n/resident";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getResidentMessages();
  return { title: { default: t.common.appName, template: `%s | ${t.common.appName}` }, robots: { index: false } };
}
export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#ffffff" };

/**
 * Phone layout for every LIFF page: one column, 18px body text, generous spacing for thumbs and older eyes.
 * The resident's language (lib/i18n/resident.ts) sets `lang` on everything below and the switch on top.
 */
export default async function LiffLayout({ children }: { children: React.ReactNode }) {
  const { locale, t } = await getResidentMessages();
  return (
    <div className="min-h-screen bg-solid-gray-50" lang={htmlLangOf(locale)} data-locale={locale}>
      <HtmlLang lang={htmlLangOf(locale)} />
      <div className="mx-auto flex min-h-screen max-w-[480px] flex-col gap-4 bg-white px-4 pb-12 pt-3 text-std-18N-160 text-solid-gray-800">
        <Suspense fallback={null}>
          <LanguageSwitch current={locale} label={t.common.languageNav} />
        </Suspense>
        <main className="flex flex-1 flex-col gap-6">{children}</main>
      </div>
    </div>
  );
}
