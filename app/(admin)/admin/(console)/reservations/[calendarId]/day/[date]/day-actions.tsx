"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { InputField, SelectField } from "@/components/ui/field";
import type { BookingQuestion } from "@/db/schema/reservations";
import { recordAttendanceAction, staffBookAction, staffCancelAction } from "@/lib/reservations/actions";

type Outcome = { ok: true } | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

function useRun() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  async function run(action: () => Promise<Outcome>) {
    setPending(true);
    const result = await action();
    setPending(false);
    setOutcome(result);
    if (result.ok) router.refresh();
    return result;
  }
  return { pending, outcome, run };
}

export function AttendanceButtons({ bookingId, started }: { bookingId: string; started: boolean }) {
  const { pending, outcome, run } = useRun();
  return (
    <div className="flex flex-wrap gap-2">
      <Button size="sm" disabled={pending} onClick={() => run(() => recordAttendanceAction({ bookingId, outcome: "checked_in" }))}>
        受付
      </Button>
      {started ? (
        <Button size="sm" variant="secondary" disabled={pending} onClick={() => run(() => recordAttendanceAction({ bookingId, outcome: "no_show" }))}>
          無断キャンセル
        </Button>
      ) : null}
      {outcome && !outcome.ok ? <p role="alert" className="text-error-1">{outcome.error}</p> : null}
    </div>
  );
}

export function CancelBookingForm({ bookingId, bookingNumber }: { bookingId: string; bookingNumber: string }) {
  const { pending, outcome, run } = useRun();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  if (!open) {
    return (
      <Button size="sm" variant="ghost" onClick={() => setOpen(true)}>
        取り消す
      </Button>
    );
  }
  const reasonError = outcome && !outcome.ok ? outcome.fieldErrors?.reason?.[0] : undefined;
  return (
    <form
      className="mt-2 flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => staffCancelAction({ bookingId, reason }));
      }}
    >
      <InputField label={`${bookingNumber} の取り消し理由（住民に LINE で伝えます）`} value={reason} onChange={(e) => setReason(e.target.value)} error={reasonError} required />
      {outcome && !outcome.ok && !reasonError ? <p role="alert" className="text-error-1">{outcome.error}</p> : null}
      <Button type="submit" size="sm" variant="danger" disabled={pending}>
        取り消して連絡する
      </Button>
    </form>
  );
}

export function StaffBookForm({ calendarId, slots, questions }: { calendarId: string; slots: { value: string; label: string }[]; questions: BookingQuestion[] }) {
  const { pending, outcome, run } = useRun();
  const [startsAt, setStartsAt] = useState(slots[0]?.value ?? "");
  const [guestName, setGuestName] = useState("");
  const [guestPhone, setGuestPhone] = useState("");
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [number, setNumber] = useState<string | null>(null);
  const fieldError = (key: string) => (outcome && !outcome.ok ? outcome.fieldErrors?.[key]?.[0] : undefined);
  return (
    <section className="mt-8 rounded-8 border border-solid-gray-200 bg-white p-4" aria-labelledby="staff-book">
      <h2 id="staff-book" className="text-std-20B-150">
        電話・窓口の予約を受ける
      </h2>
      <p className="text-std-16N-170 text-solid-gray-700">LINE を使わない方の予約です。予約番号と電話番号の下4けたで、あとから LINE に連携できます。</p>
      {number ? <Alert tone="success" title={`予約しました。予約番号 ${number} をお伝えください。`} /> : null}
      {outcome && !outcome.ok ? <Alert tone="error" title={outcome.error} /> : null}
      <form
        className="mt-3 grid gap-3 md:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          setNumber(null);
          void run(async () => {
            const answered = Object.fromEntries(Object.entries(answers).filter(([, v]) => v.trim()));
            const result = await staffBookAction({ calendarId, startsAt, guestName, guestPhone, answers: answered });
            if (result.ok) {
              setNumber(result.data.bookingNumber);
              setGuestName("");
              setGuestPhone("");
            }
            return result;
          });
        }}
      >
        <SelectField label="時間" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} options={slots} required />
        <InputField label="氏名" value={guestName} onChange={(e) => setGuestName(e.target.value)} error={fieldError("guestName")} required autoComplete="off" />
        <InputField label="電話番号" value={guestPhone} onChange={(e) => setGuestPhone(e.target.value)} error={fieldError("guestPhone")} required inputMode="tel" autoComplete="off" />
        {questions.map((q) =>
          q.options ? (
            <SelectField key={q.id} label={q.label} value={answers[q.id] ?? ""} onChange={(e) => setAnswers({ ...answers, [q.id]: e.target.value })} options={q.options.map((o) => ({ value: o, label: o }))} placeholder="選んでください" required={q.required} error={fieldError(`answers.${q.id}`)} />
          ) : (
            <InputField key={q.id} label={q.label} value={answers[q.id] ?? ""} onChange={(e) => setAnswers({ ...answers, [q.id]: e.target.value })} required={q.required} error={fieldError(`answers.${q.id}`)} />
          ),
        )}
        <div className="md:col-span-2">
          <Button type="submit" disabled={pending}>
            予約する
          </Button>
        </div>
      </form>
    </section>
  );
}
