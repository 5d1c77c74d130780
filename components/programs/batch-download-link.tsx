"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { buttonClasses } from "@/components/ui/button";

/**
 * The vendor file's download. A download never navigates, so the page would keep saying 「未出力」: after the click
 * the page refreshes itself until the server reports the batch exported (the file's route marks it at the end).
 */
export function BatchDownloadLink({ href, status }: { href: string; status: "open" | "exported" | "completed" }) {
  const router = useRouter();
  const [waiting, setWaiting] = useState(false);
  useEffect(() => {
    if (!waiting || status !== "open") return;
    let tries = 0;
    const timer = setInterval(() => {
      router.refresh();
      if (++tries >= 60) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [waiting, status, router]);
  return (
    <div className="flex flex-col gap-2">
      <a
        href={href}
        download
        onClick={() => setWaiting(true)}
        className={buttonClasses({ variant: status === "open" ? "primary" : "secondary" })}
        data-testid="batch-download"
      >
        バッチファイルをダウンロード
      </a>
      <p className="text-std-16N-170" aria-live="polite">
        {waiting && status === "open" ? "ファイルを作っています。ダウンロードが終わると「出力済み」になります…" : ""}
      </p>
    </div>
  );
}
