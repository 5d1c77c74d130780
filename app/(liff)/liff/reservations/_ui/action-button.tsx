"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Notice, PRIMARY_BUTTON, SECONDARY_BUTTON } from "@/components/liff/ui";
import { refusalFromResponse, type ResidentRefusalText } from "@/lib/i18n/resident-errors";
import { R } from "./text";

/** Posts one reservation action; on success goes to `then` (or refreshes), on refusal shows it in the resident's words. */
export function ActionButton({
  body,
  label,
  secondary,
  confirmText,
  failedText,
  then,
  testId,
}: {
  body: Record<string, unknown>;
  label: string;
  secondary?: boolean;
  confirmText?: string;
  failedText: string;
  then?: string;
  testId?: string;
}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ResidentRefusalText | null>(null);
  async function run() {
    if (confirmText && !window.confirm(confirmText.replace(/\{([^|{}]+)\|[^|{}]+\}/g, "$1"))) return;
    setPending(true);
    setError(null);
    const response = await fetch("/api/liff/reservations", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).catch(() => null);
    setPending(false);
    if (!response?.ok) {
      setError(await refusalFromResponse(response, failedText));
      return;
    }
    if (then) router.push(then);
    router.refresh();
  }
  return (
    <div className="flex flex-col gap-2">
      {error ? (
        <Notice tone="warn">
          <span lang={error.lang}>{error.text}</span>
        </Notice>
      ) : null}
      <button type="button" className={secondary ? SECONDARY_BUTTON : PRIMARY_BUTTON} onClick={run} disabled={pending} aria-busy={pending} data-testid={testId}>
        <R>{label}</R>
      </button>
    </div>
  );
}
