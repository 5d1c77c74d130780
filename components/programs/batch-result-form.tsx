"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { InputField } from "@/components/ui/field";
import { importBatchResultAction, type ResultImportOutcome } from "@/lib/grants/actions";

/** Uploads the vendor's result file; every mismatch is listed with its line, and nothing is applied then. */
export function BatchResultForm({ batchId, completed }: { batchId: string; completed: boolean }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ message: string; lines: string[]; fileError?: string } | null>(null);
  const [done, setDone] = useState<ResultImportOutcome | null>(null);
  // Stays mounted when the refreshed page reports the batch completed, so the outcome remains on screen.
  if (completed) {
    return done ? (
      <Alert tone="success" title="結果を取り込みました">
        付与 {done.granted.toLocaleString("ja-JP")}件（{done.grantedPoints.toLocaleString("ja-JP")}ポイント）・失敗 {done.failed.toLocaleString("ja-JP")}件。
        {done.failed > 0 ? "失敗した申請は承認済みに戻り、次のバッチで再度付与できます。" : ""}
        付与した申請の方にはLINEでお知らせします。
      </Alert>
    ) : (
      <p className="text-std-16N-170">結果は取込済みです。付与した申請の方にはLINEでお知らせしています。</p>
    );
  }
  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={async (event) => {
        event.preventDefault();
        setPending(true);
        setError(null);
        setDone(null);
        try {
          let result: Awaited<ReturnType<typeof importBatchResultAction>>;
          try {
            result = await importBatchResultAction(new FormData(event.currentTarget));
          } catch {
            // The request itself failed (e.g. the file exceeds the server's upload limit): nothing was imported.
            setError({ message: "ファイルを送れませんでした。ファイルが大きすぎないか確かめて、もう一度お試しください（何も取り込んでいません）。", lines: [] });
            return;
          }
          if (!result.ok) {
            setError({ message: result.error, lines: result.fieldErrors?.file ?? [], fileError: result.fieldErrors?.bytes?.[0] });
            return;
          }
          setDone(result.data);
          router.refresh();
        } finally {
          setPending(false);
        }
      }}
    >
      <input type="hidden" name="batchId" value={batchId} />
      <InputField label="結果ファイル（CSV）" name="file" type="file" accept=".csv,text/csv" required error={error?.fileError} hint="でんすけペイから返ってきた結果ファイルをそのまま選んでください" />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "取り込んでいます…" : "結果を取り込む"}
        </Button>
      </div>
      {error ? (
        <Alert tone="error" title={error.message}>
          {error.lines.length > 0 ? (
            <ol className="mt-2 max-h-96 list-none overflow-y-auto" data-testid="result-errors">
              {error.lines.map((line, i) => (
                <li key={i} className="border-b border-red-200 py-1">
                  {line}
                </li>
              ))}
            </ol>
          ) : null}
        </Alert>
      ) : null}
      {done ? (
        <Alert tone="success" title="結果を取り込みました">
          付与 {done.granted.toLocaleString("ja-JP")}件（{done.grantedPoints.toLocaleString("ja-JP")}ポイント）・失敗 {done.failed.toLocaleString("ja-JP")}件。
          {done.failed > 0 ? "失敗した申請は承認済みに戻り、次のバッチで再度付与できます。" : ""}
        </Alert>
      ) : null}
    </form>
  );
}
