"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { recheckPendingAction, type RecheckOutcome } from "./actions";

/** 「保留中を再確認」 with its result announced (a polite live region), then the day's figures refreshed. */
export function RecheckButton({ departmentId, day, pending }: { departmentId: string; day: string; pending: number }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<RecheckOutcome | null>(null);
  return (
    <div className="flex flex-col gap-2">
      <Button
        variant="secondary"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          const result = await recheckPendingAction({ departmentId, day });
          setBusy(false);
          setOutcome(result);
          if (result.ok) router.refresh();
        }}
      >
        {busy ? "決済事業者に確認しています…" : `保留中を再確認（${pending}件）`}
      </Button>
      <p role="status" aria-live="polite" className="text-std-16N-170">
        {outcome?.ok
          ? `${outcome.checked}件を確認し、${outcome.changed}件の状態が変わりました。${outcome.failed ? `${outcome.failed}件は決済事業者に接続できず確認できませんでした。時間をおいて再度お試しください。` : ""}`
          : null}
      </p>
      {outcome && !outcome.ok ? (
        <p role="alert" className="text-std-16B-170 text-error-2">
          {outcome.error}
        </p>
      ) : null}
    </div>
  );
}
