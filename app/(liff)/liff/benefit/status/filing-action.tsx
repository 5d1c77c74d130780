"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Notice, PRIMARY_BUTTON, SECONDARY_BUTTON } from "@/components/liff/ui";
import { refusalFromResponse, type ResidentRefusalText } from "@/lib/i18n/resident-errors";

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
  /** Shown when the request fails without a refusal of the server's own. */
  failedText: string;
}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ResidentRefusalText | null>(null);
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
      setError(await refusalFromResponse(response, failedText));
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
