import Link from "next/link";
import type { ReactNode } from "react";

/** Step counter and title: residents over 70 should always know where they are and how much is left. */
export function StepHeader({ step, of, title, en }: { step?: number; of?: number; title: string; en: string }) {
  return (
    <header className="flex flex-col gap-1">
      {step && of ? (
        <p className="text-std-16B-170 text-blue-1000">
          {step} / {of}（Step {step} of {of}）
        </p>
      ) : null}
      <h1 className="text-std-24B-150 text-solid-gray-900">{title}</h1>
      <p className="text-std-16N-170 text-solid-gray-700">{en}</p>
    </header>
  );
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

export function CounterGuidanceBox({ counter }: { counter: { departmentName: string; site: string; phone: string | null; counterHours: string | null } }) {
  return (
    <div className="rounded-12 bg-solid-gray-50 p-4">
      <p className="text-std-18B-160">
        {counter.departmentName}（{counter.site}）の まどぐち
      </p>
      {counter.counterHours ? <p>受付時間: {counter.counterHours}</p> : null}
      {counter.phone ? (
        <p>
          電話: <a href={`tel:${counter.phone}`}>{counter.phone}</a>
        </p>
      ) : null}
      <p className="mt-1 text-std-16N-170 text-solid-gray-700">Please visit the counter; bring an ID such as a driver&apos;s license.</p>
    </div>
  );
}

export function BackToMenu() {
  return (
    <Link href="/liff" className="text-std-18N-160">
      メニューに もどる（Back to menu）
    </Link>
  );
}
