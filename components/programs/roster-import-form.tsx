"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { UploadErrorAlert, useFileUpload } from "@/components/admin/file-upload";
import { InputField } from "@/components/ui/field";
import { importRosterAction } from "@/lib/filings/actions";

const ENCODING_LABELS = { "utf-8": "UTF-8", shift_jis: "Shift_JIS" } as const;

/** Uploads the roster CSV; shows every bad line with its number, or what the import changed. */
export function RosterImportForm({ programId }: { programId: string }) {
  const { pending, error, done, onSubmit } = useFileUpload(importRosterAction);
  return (
    <form className="flex flex-col gap-4" onSubmit={onSubmit}>
      <input type="hidden" name="programId" value={programId} />
      <InputField
        label="名簿ファイル（CSV）"
        name="file"
        type="file"
        accept=".csv,text/csv"
        required
        hint="住民基本台帳から抽出した基準日時点の対象世帯。1行に1人、見出し行: 世帯番号,住所,氏名,氏名カナ,生年月日,性別,続柄（UTF-8 または Shift_JIS）"
        error={error?.fileError}
      />
      <div className="flex items-start gap-3">
        <input id={`allow-removals-${programId}`} name="allowRemovals" type="checkbox" className="mt-1 size-6 shrink-0" aria-describedby={`allow-removals-hint-${programId}`} />
        <div>
          <label htmlFor={`allow-removals-${programId}`} className="text-std-16B-170">
            ファイルにない世帯を名簿から外す
          </label>
          <p id={`allow-removals-hint-${programId}`} className="text-std-16N-170 text-solid-gray-700">
            外した世帯のお手紙の照会番号は使えなくなります。申請済みの世帯は外せません。
          </p>
        </div>
      </div>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "取り込んでいます…" : "名簿を取り込む"}
        </Button>
      </div>
      {error ? <UploadErrorAlert error={error} testId="roster-errors" /> : null}
      {done ? (
        <Alert tone="success" title="名簿を取り込みました">
          <p>
            {done.households.toLocaleString("ja-JP")}世帯・{done.members.toLocaleString("ja-JP")}人（{ENCODING_LABELS[done.encoding]}）
          </p>
          <dl className="mt-1 grid grid-cols-[auto_auto] justify-start gap-x-6" data-testid="roster-counts">
            <dt>追加</dt>
            <dd>{done.inserted.toLocaleString("ja-JP")}世帯</dd>
            <dt>変更</dt>
            <dd>{done.updated.toLocaleString("ja-JP")}世帯</dd>
            <dt>変更なし</dt>
            <dd>{done.unchanged.toLocaleString("ja-JP")}世帯</dd>
            <dt>名簿から削除</dt>
            <dd>{done.removed.toLocaleString("ja-JP")}世帯</dd>
          </dl>
          <p className="mt-1" data-testid="roster-duplicate-rescan">
            重複の疑いを確認し直しました（疑いのある組 {done.duplicates.groups.toLocaleString("ja-JP")}組、新たな疑い {done.duplicates.newlyFlagged.toLocaleString("ja-JP")}件、解消 {done.duplicates.cleared.toLocaleString("ja-JP")}件）。
          </p>
        </Alert>
      ) : null}
    </form>
  );
}
