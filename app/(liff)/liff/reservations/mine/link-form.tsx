"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Notice, SECONDARY_BUTTON } from "@/components/liff/ui";
import { refusalFromResponse, type ResidentRefusalText } from "@/lib/i18n/resident-errors";
import type { ResidentLocale } from "@/lib/i18n/locale";
import { RESERVATION_MESSAGES } from "@/lib/reservations/messages";
import { linkBookingSchema } from "@/lib/reservations/validations";
import { R } from "../_ui/text";

/** Links a phone or counter booking to this LINE account: booking number + last 4 digits of the phone given. */
export function LinkForm({ locale }: { locale: ResidentLocale }) {
  const t = RESERVATION_MESSAGES[locale];
  const router = useRouter();
  const [bookingNumber, setBookingNumber] = useState("");
  const [phoneLast4, setPhoneLast4] = useState("");
  const [error, setError] = useState<ResidentRefusalText | null>(null);
  const [ok, setOk] = useState(false);
  const [pending, setPending] = useState(false);
  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setOk(false);
    if (!linkBookingSchema.safeParse({ bookingNumber, phoneLast4 }).success) {
      setError({ text: t.refusals.invalid.replace(/\{([^|{}]+)\|[^|{}]+\}/g, "$1") });
      return;
    }
    setPending(true);
    setError(null);
    const response = await fetch("/api/liff/reservations", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ action: "link", bookingNumber, phoneLast4 }) }).catch(() => null);
    setPending(false);
    if (!response?.ok) return setError(await refusalFromResponse(response, t.failed));
    setOk(true);
    router.refresh();
  }
  return (
    <form className="flex flex-col gap-3" onSubmit={submit} noValidate>
      <label className="flex flex-col gap-1">
        <span className="text-std-16B-170">
          <R>{t.linkNumber}</R>
        </span>
        <input className="min-h-12 rounded-8 border-2 border-solid-gray-600 px-3" value={bookingNumber} onChange={(e) => setBookingNumber(e.target.value)} placeholder="R0000123" autoComplete="off" />
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-std-16B-170">
          <R>{t.linkPhone}</R>
        </span>
        <input className="min-h-12 rounded-8 border-2 border-solid-gray-600 px-3" value={phoneLast4} onChange={(e) => setPhoneLast4(e.target.value)} inputMode="numeric" maxLength={4} autoComplete="off" />
      </label>
      {error ? (
        <Notice tone="warn">
          <span lang={error.lang}>{error.text}</span>
        </Notice>
      ) : null}
      {ok ? (
        <Notice tone="ok">
          <R>{t.linked}</R>
        </Notice>
      ) : null}
      <button type="submit" className={SECONDARY_BUTTON} disabled={pending} aria-busy={pending}>
        <R>{t.linkSubmit}</R>
      </button>
    </form>
  );
}
