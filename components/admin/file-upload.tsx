"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import type { GuardResult } from "@/lib/auth/guard";

export type UploadError = { message: string; lines: string[]; fileError?: string };

/**
 * Posts a file form to a guarded server action: line-numbered errors land in `error.lines` (field "file"),
 * a problem with the file itself in `error.fileError` (field "bytes"), success in `done`.
 */
export function useFileUpload<T>(action: (form: FormData) => Promise<GuardResult<T>>) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<UploadError | null>(null);
  const [done, setDone] = useState<T | null>(null);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    setDone(null);
    try {
      let result: GuardResult<T>;
      try {
        result = await action(new FormData(event.currentTarget));
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
  }
  return { pending, error, done, onSubmit };
}

// A file with thousands of bad rows is usually one systematic mistake; the first lines show it.
const MAX_SHOWN = 500;

export function UploadErrorAlert({ error, testId }: { error: UploadError; testId: string }) {
  return (
    <Alert tone="error" title={error.message}>
      {error.lines.length > 0 ? (
        <ol className="mt-2 max-h-96 list-none overflow-y-auto" data-testid={testId}>
          {error.lines.slice(0, MAX_SHOWN).map((line, i) => (
            <li key={i} className="border-b border-red-200 py-1">
              {line}
            </li>
          ))}
        </ol>
      ) : null}
      {error.lines.length > MAX_SHOWN ? (
        <p className="mt-2 text-std-16B-170">ほかに{(error.lines.length - MAX_SHOWN).toLocaleString("ja-JP")}件あります。上の行から順に直してください。</p>
      ) : null}
    </Alert>
  );
}
