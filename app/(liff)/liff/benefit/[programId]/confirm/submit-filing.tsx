"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { rubyFor } from "@/components/liff/furigana";
import { Notice, PRIMARY_BUTTON } from "@/components/liff/ui";
import type { ResidentMessages } from "@/lib/i18n/messages";
import { refusalFromResponse, type ResidentRefusalText } from "@/lib/i18n/resident-errors";

type Messages = ResidentMessages["benefit"]["submit"];

/** Posts the confirmation; the server derives the household again from the verified identity (or code and birth date). */
export function SubmitFiling({
  programId,
  referenceCode,
  headBirthDate,
  messages,
  easy = false,
}: {
  programId: string;
  referenceCode: string | null;
  headBirthDate: string | null;
  messages: Messages;
  /** やさしい日本語: the button's kanji carry readings too. */
  easy?: boolean;
}) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ResidentRefusalText | null>(null);
  const router = useRouter();

  async function submit() {
    setPending(true);
    setError(null);
    let failure: ResidentRefusalText;
    try {
      const response = await fetch("/api/liff/benefit/filings", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ programId, referenceCode: referenceCode ?? undefined, headBirthDate: headBirthDate ?? undefined, confirmed: true }),
      });
      const body = response.ok ? ((await response.json()) as { filingId?: string }) : null;
      if (body?.filingId) {
        // The receipt has its own page: refresh, back and reopening from LINE show it again, never a refusal.
        // Busy until that page replaces this one.
        router.push(`/liff/benefit/receipt/${body.filingId}`);
        return;
      }
      failure = response.ok ? { text: messages.failed } : await refusalFromResponse(response, messages.failed);
    } catch {
      failure = { text: messages.network };
    }
    setError(failure);
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
        {rubyFor(easy ? "ja-easy" : "ja")(pending ? messages.sending : messages.apply)}
      </button>
    </div>
  );
}
