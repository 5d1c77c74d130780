"use client";

import { UploadErrorAlert, useFileUpload } from "@/components/admin/file-upload";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { InputField } from "@/components/ui/field";
import { importBatchResultAction, type ResultImportOutcome } from "@/lib/grants/actions";

const n = (v: number) => v.toLocaleString("ja-JP");

function ImportedAlert({ done }: { done: ResultImportOutcome }) {
  return (
    <Alert tone="success" title="結果を取り込みました">
      付与 {n(done.granted)}件（{n(done.grantedPoints)}ポイント）・失敗 {n(done.failed)}件。
      {done.returnedToQueue > 0
        ? `失敗した${n(done.returnedToQueue)}件は理由をつけて審査待ちに戻しました。確認して承認し直すと、次のバッチに入ります。`
        : ""}
      付与した申請の方にはLINEでお知らせします。
    </Alert>
  );
}

/** Uploads the vendor's result file; every mismatch is listed with its line, and nothing is applied then. */
export function BatchResultForm({ batchId, completed, emoneyName }: { batchId: string; completed: boolean; emoneyName: string }) {
  const { pending, error, done, onSubmit } = useFileUpload(importBatchResultAction);
  // Stays mounted when the refreshed page reports the batch completed, so the outcome remains on screen.
  if (completed) {
    return done ? (
      <ImportedAlert done={done} />
    ) : (
      <p className="text-std-16N-170">結果は取込済みです。付与した申請の方にはLINEでお知らせしています。</p>
    );
  }
  return (
    <form className="flex flex-col gap-4" onSubmit={onSubmit}>
      <input type="hidden" name="batchId" value={batchId} />
      <InputField
        label="結果ファイル（CSV）"
        name="file"
        type="file"
        accept=".csv,text/csv"
        required
        error={error?.fileError}
        hint={`${emoneyName}から返ってきた結果ファイルをそのまま選んでください`}
      />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "取り込んでいます…" : "結果を取り込む"}
        </Button>
      </div>
      {error ? <UploadErrorAlert error={error} testId="result-errors" /> : null}
      {done ? <ImportedAlert done={done} /> : null}
    </form>
  );
}
