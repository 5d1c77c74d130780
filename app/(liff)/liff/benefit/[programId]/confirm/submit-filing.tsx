"use client";

import Link from "next/link";
import { useState } from "react";
import { Notice, PRIMARY_BUTTON } from "@/components/liff/ui";

type Receipt = { receiptNumber: string; points: number };

/** Posts the confirmation; the server derives the household again from the verified identity. */
export function SubmitFiling({ programId, referenceCode }: { programId: string; referenceCode: string | null }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<Receipt | null>(null);

  async function submit() {
    setPending(true);
    setError(null);
    try {
      const response = await fetch("/api/liff/benefit/filings", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ programId, referenceCode: referenceCode ?? undefined, confirmed: true }),
      });
      const body = (await response.json()) as { receiptNumber?: string; points?: number; error?: string };
      if (!response.ok || !body.receiptNumber) setError(body.error ?? "もうしこめませんでした。もう一度 お試しください。");
      else setReceipt({ receiptNumber: body.receiptNumber, points: body.points ?? 0 });
    } catch {
      setError("通信が できませんでした。電波の よい ところで もう一度 お試しください。（Network error.）");
    } finally {
      setPending(false);
    }
  }

  if (receipt) {
    return (
      <div className="flex flex-col gap-4" data-testid="filing-receipt">
        <Notice tone="ok">
          <p className="text-std-20B-150">もうしこみを うけつけました。（Application received.）</p>
          <p className="mt-2">
            受付番号: <strong className="text-std-24B-150 tracking-wider">{receipt.receiptNumber}</strong>
          </p>
          <p className="mt-2">しんさが おわったら LINEで お知らせします。（We will tell you on LINE.）</p>
        </Notice>
        <Link href="/liff/benefit/status" className="text-std-18N-160">
          もうしこみの じょうきょうを 見る（See your applications）
        </Link>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-3">
      {error ? <Notice tone="warn">{error}</Notice> : null}
      <button type="button" className={PRIMARY_BUTTON} onClick={submit} disabled={pending} aria-busy={pending}>
        {pending ? "送っています…（Sending…）" : "この内容で もうしこむ（Apply）"}
      </button>
    </div>
  );
}
