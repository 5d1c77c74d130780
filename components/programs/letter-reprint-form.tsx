"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { InputField } from "@/components/ui/field";

/**
 * One household's guide letter again (lost, or returned undelivered). Fetched rather than linked, so that a
 * wrong household code shows the server's Japanese message here instead of a failed download.
 */
export function LetterReprintForm({ programId }: { programId: string }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const household = String(new FormData(event.currentTarget).get("household") ?? "").trim();
    if (!household) return setError("世帯番号を入力してください");
    setPending(true);
    setError(null);
    try {
      const response = await fetch(`/api/admin/programs/${programId}/letters?${new URLSearchParams({ household })}`);
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: string } | null;
        return setError(body?.error ?? "案内状を作成できませんでした。もう一度お試しください。");
      }
      const url = URL.createObjectURL(await response.blob());
      const link = Object.assign(document.createElement("a"), { href: url, download: `申請のご案内_${household}.pdf` });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch {
      setError("通信できませんでした。もう一度お試しください。");
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3">
      <InputField label="世帯番号（1世帯分だけ印刷）" name="household" autoComplete="off" error={error ?? undefined} hint="紛失・宛先不明で戻ってきた案内状の再発行に。出力は監査ログに記録されます。" />
      <div>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "作成しています…" : "1世帯分の案内状をダウンロード"}
        </Button>
      </div>
    </form>
  );
}
