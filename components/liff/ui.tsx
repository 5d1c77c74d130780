import Link from "next/link";
import type { ReactNode } from "react";
import { counterHoursFor } from "@/lib/filings/resident-texts";
import type { ResidentLocale } from "@/lib/i18n/locale";
import type { ResidentMessages } from "@/lib/i18n/messages";

/** Step counter and title: residents over 70 should always know where they are and how much is left. */
export function StepHeader({ progress, title, subtitle }: { progress?: ReactNode; title: ReactNode; subtitle?: ReactNode }) {
  return (
    <header className="flex flex-col gap-1">
      {progress ? <p className="text-std-16B-170 text-blue-1000">{progress}</p> : null}
      <h1 className="text-std-24B-150 text-solid-gray-900">{title}</h1>
      {subtitle ? <p className="text-std-16N-170 text-solid-gray-700">{subtitle}</p> : null}
    </header>
  );
}

/** Japanese data (names, addresses, program names, staff's words, server messages) inside a page of any language. */
export function Ja({ children }: { children: ReactNode }) {
  return <span lang="ja">{children}</span>;
}

const BUTTON = "flex min-h-14 w-full items-center justify-center rounded-8 px-6 text-center text-std-18B-160 no-underline";
export const PRIMARY_BUTTON = `${BUTTON} bg-blue-900 text-white hover:bg-blue-1000 disabled:bg-solid-gray-300`;
export const SECONDARY_BUTTON = `${BUTTON} border-2 border-blue-900 bg-white text-blue-900 hover:bg-blue-50`;

export function LinkButton({ href, children, secondary }: { href: string; children: ReactNode; secondary?: boolean }) {
  // Route handlers that redirect off-site (JPKI) need a full navigation, not a client-side one.
  const external = href.startsWith("/api/");
  const className = secondary ? SECONDARY_BUTTON : PRIMARY_BUTTON;
  return external ? (
    <a href={href} className={className}>
      {children}
    </a>
  ) : (
    <Link href={href} className={className}>
      {children}
    </Link>
  );
}

export function Notice({ tone, children }: { tone: "info" | "warn" | "ok"; children: ReactNode }) {
  const style = { info: "border-blue-900 bg-blue-50", warn: "border-warning-yellow-1 bg-yellow-50", ok: "border-success-1 bg-green-50" }[tone];
  return (
    <div role={tone === "warn" ? "alert" : "status"} className={`rounded-12 border-2 p-4 ${style}`}>
      {children}
    </div>
  );
}

type Counter = { departmentName: string; site: string; phone: string | null; counterHours: string | null; counterHoursTranslations?: Partial<Record<"ja-easy" | "en", string>> };

export function CounterGuidanceBox({ counter, labels, locale = "ja" }: { counter: Counter; labels: ResidentMessages["counter"]; locale?: ResidentLocale }) {
  const hours = counterHoursFor(counter, locale);
  return (
    <div className="rounded-12 bg-solid-gray-50 p-4">
      <p className="text-std-18B-160">
        {labels.before}
        <Ja>
          {counter.departmentName}（{counter.site}）
        </Ja>
        {labels.after}
      </p>
      {hours ? (
        <p>
          {labels.hours}: {hours.translated ? <span lang={locale === "en" ? "en" : "ja"}>{hours.text}</span> : <Ja>{hours.text}</Ja>}
        </p>
      ) : null}
      {counter.phone ? (
        <p>
          {labels.phone}: <a href={`tel:${counter.phone}`}>{counter.phone}</a>
        </p>
      ) : null}
      <p className="mt-1 text-std-16N-170 text-solid-gray-700">{labels.bring}</p>
    </div>
  );
}

export function BackToMenu({ label }: { label: ReactNode }) {
  return (
    <Link href="/liff" className="text-std-18N-160">
      {label}
    </Link>
  );
}
