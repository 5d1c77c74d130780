"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { rubyFor } from "@/components/liff/furigana";
import { Notice, PRIMARY_BUTTON } from "@/components/liff/ui";
import type { FillerMessages } from "@/lib/forms/page-messages";
import type { ResidentLocale } from "@/lib/i18n/locale";
import { refusalFromResponse, type ResidentRefusalText } from "@/lib/i18n/resident-errors";

/** Files the draft; a fee due on filing goes on to the hosted payment page (a navigation, not a form post). */
export function SubmitDraft({ draftId, locale, messages, pays }: { draftId: string; locale: ResidentLocale; messages: FillerMessages; pays: boolean }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ResidentRefusalText | null>(null);
  const router = useRouter();
  const r = rubyFor(locale);

  async function submit() {
    setPending(true);
    setError(null);
    try {
      const response = await fetch(`/api/liff/forms/drafts/${draftId}/submit`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ locale }) });
      if (response.ok) {
        const body = (await response.json()) as { submissionId: string; needsPayment: boolean };
        if (body.needsPayment) window.location.assign(`/liff/forms/submissions/${body.submissionId}/pay`);
        else router.push(`/liff/forms/submissions/${body.submissionId}`);
        return;
      }
      setError(await refusalFromResponse(response, messages.failed));
    } catch {
      setError({ text: messages.network });
    }
    setPending(false);
  }

  return (
    <div className="flex flex-col gap-3">
      {error ? (
        <Notice tone="warn">
          <span lang={error.lang}>{error.text}</span>
        </Notice>
      ) : null}
      <button type="button" className={PRIMARY_BUTTON} onClick={submit} disabled={pending} aria-busy={pending}>
        {r(pending ? messages.sending : pays ? messages.submitAndPay : messages.submit)}
      </button>
    </div>
  );
}
