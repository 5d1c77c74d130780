"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CheckboxField } from "@/components/ui/textarea-field";
import { InputField } from "@/components/ui/field";
import { addClosureAction } from "@/lib/reservations/actions";

/** A blackout period of this calendar, or (system administrators) a closure of the whole town such as 年末年始. */
export function ClosureForm({ calendarId, departmentId, townWideAllowed }: { calendarId: string; departmentId: string; townWideAllowed: boolean }) {
  const router = useRouter();
  const [startsOn, setStartsOn] = useState("");
  const [endsOn, setEndsOn] = useState("");
  const [reason, setReason] = useState("");
  const [townWide, setTownWide] = useState(false);
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; error?: string; fieldErrors?: Record<string, string[]> } | null>(null);
  const err = (key: string) => (result && !result.ok ? result.fieldErrors?.[key]?.[0] : undefined);
  return (
    <form
      className="mt-8 grid gap-3 rounded-8 border border-solid-gray-200 bg-white p-4 md:grid-cols-3"
      onSubmit={async (e) => {
        e.preventDefault();
        setPending(true);
        const outcome = await addClosureAction({ calendarId: townWide ? null : calendarId, departmentId, startsOn, endsOn: endsOn || startsOn, reason });
        setPending(false);
        setResult(outcome);
        if (outcome.ok) {
          setReason("");
          router.refresh();
        }
      }}
    >
      <h2 className="text-std-20B-150 md:col-span-3">休業日を追加する</h2>
      {result?.ok ? <div className="md:col-span-3"><Alert tone="success" title="休業日を追加しました。" /></div> : null}
      {result && !result.ok ? <div className="md:col-span-3"><Alert tone="error" title={result.error ?? ""} /></div> : null}
      <InputField label="開始日" type="date" value={startsOn} onChange={(e) => setStartsOn(e.target.value)} error={err("startsOn")} required />
      <InputField label="終了日" type="date" value={endsOn} onChange={(e) => setEndsOn(e.target.value)} error={err("endsOn")} hint="1日だけなら空欄" />
      <InputField label="理由" value={reason} onChange={(e) => setReason(e.target.value)} error={err("reason")} required placeholder="館内点検" />
      {townWideAllowed ? <CheckboxField label="町全体の休業日にする（すべてのカレンダー）" checked={townWide} onChange={(e) => setTownWide(e.target.checked)} /> : null}
      <div className="md:col-span-3">
        <Button type="submit" disabled={pending}>
          追加する
        </Button>
      </div>
    </form>
  );
}
