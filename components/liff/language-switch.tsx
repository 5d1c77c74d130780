"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { languageSwitchHref, RESIDENT_LOCALE_NAMES, RESIDENT_LOCALES, type ResidentLocale } from "@/lib/i18n/locale";

/**
 * 日本語 / やさしい日本語 / English at the top of every LIFF page. Each is a plain link (it sets a cookie on
 * the server and comes back here), named in its own language, 44px tall for thumbs; the current one is
 * marked with aria-current. The server and the first client render agree on the href (no return path; the
 * switch falls back to the Referer); the exact return path is filled in after mount, when the URL LINE's
 * browser really shows (LIFF may have rewritten it) is known.
 */
export function LanguageSwitch({ current, label }: { current: ResidentLocale; label: string }) {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  // Rendered only after hydration: the URL the server saw and the one LINE's browser shows can differ.
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const returnTo = mounted ? `${pathname}${search ? `?${search}` : ""}` : null;
  return (
    <nav aria-label={label} className="flex justify-end">
      <ul className="flex flex-wrap justify-end gap-2">
        {RESIDENT_LOCALES.map((locale) => {
          const active = locale === current;
          return (
            <li key={locale}>
              <a
                href={returnTo === null ? `/liff/lang?to=${locale}` : languageSwitchHref(locale, returnTo)}
                lang={RESIDENT_LOCALE_NAMES[locale].lang}
                aria-current={active ? "true" : undefined}
                className={`flex min-h-11 min-w-11 items-center justify-center rounded-8 border-2 px-3 text-std-16B-170 no-underline ${
                  active ? "border-blue-900 bg-blue-900 text-white" : "border-solid-gray-420 bg-white text-blue-900 hover:bg-blue-50"
                }`}
              >
                {RESIDENT_LOCALE_NAMES[locale].label}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
