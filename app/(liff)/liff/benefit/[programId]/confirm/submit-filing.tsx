"use client";

import Link from "next/link";
import { useState } from "react";
import { Notice, PRIMARY_BUTTON } from "@/components/liff/ui";
import type { ResidentMessages } from "@/lib/i18n/messages";
import { refusalFromResponse, type ResidentRefusalText } from "@/lib/i18n/resident-errors";

type Receipt = { receiptNumber: string; points: number };
type Messages = ResidentMessages["benefit"]["submit"];

/** Posts the confirmation; the server derives the household again from the verified identity (or code and birth date). */
export function SubmitFiling({
  programId,
  referenceCode,
  headBirthDate,
  messages,
}: {
  programId: string;
  referenceCode: string | null;
  headBirthDate: string | null;
  messages: Messages;
}) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ResidentRefusalText | null>(null);
  const [receipt, setReceipt] = useState<Receipt | null>(null);

  async function submit() {
    setPending(true);
    setError(null);
    try {
      const response = await fetch("/api/liff/benefit/filings", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ programId, referenceCode: referenceCode ?? undefined, headBirthDate: headBirthDate ?? undefined, confirmed: true }),
      });
      if (!response.ok) {
        setError(await refusalFromResponse(response, messages.failed));
        return;
      }
      const body = (await response.json()) as { receiptNumber?: string; points?: number };
      if (body.receiptNumber) setReceipt({ receiptNumber: body.receiptNumber, points: body.points ?? 0 });
      else setError({ text: messages.failed });
    } catch {
      setError({ text: messages.network });
    } finally {
      setPending(false);
    }
  }

  if (receipt) {
    return (
      <div className="flex flex-col gap-4" data-testid="filing-receipt">
        <Notice tone="ok">
          <p className="text-std-20B-150">{messages.received}</p>
          <p className="mt-2">
            {messages.receiptNumber}: <strong className="text-std-24B-150 tracking-wider">{receipt.receiptNumber}</strong>
          </p>
          <p className="mt-2">{messages.willNotify}</p>
        </Notice>
        <Link href="/liff/benefit/status" className="text-std-18N-160">
          {messages.seeStatus}
        </Link>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-3">
      {error ? (
        <Notice tone="warn">
          <span lang={error.lang}>{error.text}</span>
        </Notice>
      ) : null}
      <button type="button" className={PRIMARY_BUTTON} onClick={submit} disabled={pending} aria-busy={pending}>
        {pending ? messages.sending : messages.apply}
      </button>
    </div>
  );
}
