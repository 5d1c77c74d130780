import Link from "next/link";
import { withoutReadings } from "@/lib/i18n/furigana";
import type { ResidentLocale } from "@/lib/i18n/locale";
import type { ResidentMessages } from "@/lib/i18n/messages";
import { rubyFor } from "./furigana";

const MENU = [
  { href: "/liff/benefit", key: "benefit" },
  { href: "/liff/apply", key: "apply" },
  { href: "/liff/reservations", key: "booking" },
  { href: "/liff/settings", key: "topics" },
] as const;

/** The resident menu (/liff) once signed in; やさしい日本語 carries furigana over its kanji. */
export function LiffMenu({ locale, t, displayName, more = [] }: {
  locale: ResidentLocale;
  t: ResidentMessages;
  displayName: string | null;
  /** Entries whose texts live with their own service (e.g. my applications), in the catalog's ruby notation. */
  more?: { href: string; title: string; description: string }[];
}) {
  const r = rubyFor(locale);
  const items = [...MENU.map((item) => ({ href: item.href, ...t.home.menu[item.key] })), ...more];
  return (
    <>
      <header className="flex flex-col gap-1">
        {/* The app's name is a proper name, shown as it is (as the furigana test treats it). */}
        <h1 className="text-std-24B-150">{t.common.appName}</h1>
        {/* The LINE display name is the resident's own: no readings guessed for it. */}
        <p className="text-std-16N-170 text-solid-gray-700">{t.home.hello(displayName ?? "LINE")}</p>
      </header>
      <nav aria-label={withoutReadings(t.home.menuLabel)}>
        <ul className="grid grid-cols-1 gap-3">
          {items.map((item) => (
            <li key={item.href}>
              <Link
                href={item.href}
                className="flex min-h-16 flex-col justify-center rounded-12 border-2 border-blue-900 px-4 py-3 text-blue-900 no-underline hover:bg-blue-50"
              >
                <span className="text-std-20B-150">{r(item.title)}</span>
                <span className="text-std-16N-170 text-solid-gray-700">{r(item.description)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Link href="/liff/jpki" className="text-std-18N-160">
        {r(t.home.jpkiLink)}
      </Link>
    </>
  );
}
