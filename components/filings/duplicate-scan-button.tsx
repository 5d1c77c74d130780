"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { scanDuplicatesAction } from "@/lib/filings/actions";

export function DuplicateScanButton({ programId }: { programId: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  return (
    <div className="flex flex-col gap-3">
      <div>
        <Button
          disabled={pending}
          onClick={async () => {
            setPending(true);
            setMessage(null);
            try {
              const result = await scanDuplicatesAction({ programId });
              if (!result.ok) setMessage({ tone: "error", text: result.error });
              else {
                setMessage({ tone: "success", text: `確認しました: 重複の疑い ${result.data.groups}組（${result.data.filings}件、新たに${result.data.newlyFlagged}件に印を付けました）` });
                router.refresh();
              }
            } finally {
              setPending(false);
            }
          }}
        >
          {pending ? "確認しています…" : "重複の疑いを確認する"}
        </Button>
      </div>
      <p className="text-std-16N-170 text-solid-gray-700">一括承認のときも、選んだ申請と同じ住所の申請は自動で確認し、疑いがあれば承認せずにここへ回します。</p>
      {message ? <Alert tone={message.tone} title={message.text} /> : null}
    </div>
  );
}
