"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { InputField } from "@/components/ui/field";
import { importRosterAction, type RosterImportOutcome } from "@/lib/programs/actions";

// A file with thousands of bad rows is usually one systematic mistake; the first lines show it.
const MAX_SHOWN = 500;

const ENCODING_LABELS = { "utf-8": "UTF-8", shift_jis: "Shift_JIS" } as const;

/** Uploads the roster CSV; shows every bad line with its number, or what the import changed. */
export function RosterImportForm({ programId }: { programId: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ message: string; lines: string[]; fileError?: string } | null>(null);
  const [done, setDone] = useState<RosterImportOutcome | null>(null);

  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={async (event) => {
        event.preventDefault();
        setPending(true);
        setError(null);
        setDone(null);
        try {
          let result: Awaited<ReturnType<typeof importRosterAction>>;
          try {
            result = await importRosterAction(new FormData(event.currentTarget));
          } catch {
            // The request itself failed (e.g. the file exceeds the server's upload limit): nothing was imported.
            setError({ message: "ファイルを送れませんでした。ファイルが大きすぎないか確かめて、もう一度お試しください（何も取り込んでいません）。", lines: [] });
            return;
          }
          if (!result.ok) {
            const fields = result.fieldErrors ?? {};
            setError({ message: result.error, lines: fields.file ?? [], fileError: fields.bytes?.[0] });
            return;
          }
          setDone(result.data);
          router.refresh();
        } finally {
          setPending(false);
        }
      }}
    >
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
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "取り込んでいます…" : "名簿を取り込む"}
        </Button>
      </div>
      {error ? (
        <Alert tone="error" title={error.message}>
          {error.lines.length > 0 ? (
            <ol className="mt-2 max-h-96 list-none overflow-y-auto" data-testid="roster-errors">
              {error.lines.slice(0, MAX_SHOWN).map((line) => (
                <li key={line} className="border-b border-red-200 py-1">
                  {line}
                </li>
              ))}
            </ol>
          ) : null}
          {error.lines.length > MAX_SHOWN ? (
            <p className="mt-2 text-std-16B-170">ほかに{(error.lines.length - MAX_SHOWN).toLocaleString("ja-JP")}件あります。上の行から順に直してください。</p>
          ) : null}
        </Alert>
      ) : null}
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
        </Alert>
      ) : null}
    </form>
  );
}
