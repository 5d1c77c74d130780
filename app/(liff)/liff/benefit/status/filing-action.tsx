"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Notice, PRIMARY_BUTTON, SECONDARY_BUTTON } from "@/components/liff/ui";

export function FilingAction({
  filingId,
  action,
  label,
  secondary,
  confirmText,
  failedText,
}: {
  filingId: string;
  action: "resubmit" | "withdraw";
  label: string;
  secondary?: boolean;
  confirmText?: string;
  /** Shown when the request fails without a message of the server's own (which is Japanese). */
  failedText: string;
}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ text: string; lang?: "ja" } | null>(null);
  async function run() {
    if (confirmText && !window.confirm(confirmText)) return;
    setPending(true);
    setError(null);
    const response = await fetch(`/api/liff/benefit/filings/${filingId}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ action }),
    }).catch(() => null);
    setPending(false);
    if (!response?.ok) {
      const body = (await response?.json().catch(() => null)) as { error?: string } | null;
      setError(body?.error ? { text: body.error, lang: "ja" } : { text: failedText });
      return;
    }
    router.replace("/liff/benefit/status");
    router.refresh();
  }
  return (
    <div className="flex flex-col gap-2">
      {error ? (
        <Notice tone="warn">
          <span lang={error.lang}>{error.text}</span>
        </Notice>
      ) : null}
      <button type="button" className={secondary ? SECONDARY_BUTTON : PRIMARY_BUTTON} onClick={run} disabled={pending} aria-busy={pending}>
        {label}
      </button>
    </div>
  );
}
