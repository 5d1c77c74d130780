"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { UploadErrorAlert, useFileUpload } from "@/components/admin/file-upload";
import { InputField } from "@/components/ui/field";
import { importBatchResultAction } from "@/lib/grants/actions";

/** Uploads the vendor's result file; every mismatch is listed with its line, and nothing is applied then. */
export function BatchResultForm({ batchId, completed, emoneyName }: { batchId: string; completed: boolean; emoneyName: string }) {
  const { pending, error, done, onSubmit } = useFileUpload(importBatchResultAction);
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
    <form className="flex flex-col gap-4" onSubmit={onSubmit}>
      <input type="hidden" name="batchId" value={batchId} />
      <InputField label="結果ファイル（CSV）" name="file" type="file" accept=".csv,text/csv" required error={error?.fileError} hint={`${emoneyName}から返ってきた結果ファイルをそのまま選んでください`} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "取り込んでいます…" : "結果を取り込む"}
        </Button>
      </div>
      {error ? <UploadErrorAlert error={error} testId="result-errors" /> : null}
      {done ? (
        <Alert tone="success" title="結果を取り込みました">
          付与 {done.granted.toLocaleString("ja-JP")}件（{done.grantedPoints.toLocaleString("ja-JP")}ポイント）・失敗 {done.failed.toLocaleString("ja-JP")}件。
          {done.failed > 0 ? "失敗した申請は承認済みに戻り、次のバッチで再度付与できます。" : ""}
        </Alert>
      ) : null}
    </form>
  );
}
