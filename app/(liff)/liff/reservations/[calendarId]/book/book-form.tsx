"use client";

import Link from "next/link";
import { useState } from "react";
import { Notice, PRIMARY_BUTTON, SECONDARY_BUTTON } from "@/components/liff/ui";
import type { BookingQuestion } from "@/db/schema/reservations";
import { refusalFromResponse, type ResidentRefusalText } from "@/lib/i18n/resident-errors";
import type { ResidentLocale } from "@/lib/i18n/locale";
import { RESERVATION_MESSAGES } from "@/lib/reservations/messages";
import { answerProblems } from "@/lib/reservations/validations";
import { R } from "../../_ui/text";

/** Answers the calendar's questions and books (or joins the waitlist of a full slot); the server checks it all again. */
export function BookForm({ calendarId, startsAt, questions, full, locale }: { calendarId: string; startsAt: string; questions: BookingQuestion[]; full: boolean; locale: ResidentLocale }) {
  // The dictionary holds functions, which cannot cross to the client as props: the locale does.
  const t = RESERVATION_MESSAGES[locale];
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<(ResidentRefusalText & { waitlist?: boolean }) | null>(null);
  const [done, setDone] = useState<{ kind: "booked"; number: string } | { kind: "waiting" } | null>(null);

  async function send(action: "book" | "join") {
    const given = Object.fromEntries(Object.entries(answers).filter(([, v]) => v.trim()));
    const found = answerProblems(questions, given);
    setProblems(found);
    if (Object.keys(found).length) return;
    setPending(true);
    setError(null);
    const response = await fetch("/api/liff/reservations", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ action, calendarId, startsAt, answers: given }),
    }).catch(() => null);
    setPending(false);
    if (!response?.ok) {
      const copy = response?.clone();
      const code = ((await copy?.json().catch(() => null)) as { code?: string } | null)?.code;
      setError({ ...(await refusalFromResponse(response, t.failed)), waitlist: code === "full" });
      return;
    }
    const body = (await response.json()) as { bookingNumber?: string };
    setDone(action === "book" ? { kind: "booked", number: body.bookingNumber ?? "" } : { kind: "waiting" });
  }

  if (done) {
    return (
      <div className="flex flex-col gap-4" data-testid="booking-done">
        <Notice tone="ok">
          <R>{done.kind === "booked" ? t.booked(done.number) : t.waitlistJoined}</R>
        </Notice>
        <Link href="/liff/reservations/mine" className={PRIMARY_BUTTON}>
          <R>{t.myBookings}</R>
        </Link>
      </div>
    );
  }

  const waitlistOnly = full || error?.waitlist;
  return (
    <form
      className="flex flex-col gap-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void send(waitlistOnly ? "join" : "book");
      }}
    >
      {questions.length ? (
        <fieldset className="flex flex-col gap-4">
          <legend className="text-std-20B-150">
            <R>{t.questions}</R>
          </legend>
          {questions.map((q) => {
            const id = `q-${q.id}`;
            const problemId = `${id}-problem`;
            return (
              <div key={q.id} className="flex flex-col gap-1">
                <label htmlFor={id} className="text-std-18B-160">
                  <span lang="ja">{q.label}</span>
                  {q.required ? <span className="ml-2 text-std-16N-170 text-error-1">（<R>{t.required}</R>）</span> : null}
                </label>
                {q.options ? (
                  <select
                    id={id}
                    className="min-h-12 rounded-8 border-2 border-solid-gray-600 px-3 text-std-18N-160"
                    value={answers[q.id] ?? ""}
                    aria-invalid={problems[q.id] ? true : undefined}
                    aria-describedby={problems[q.id] ? problemId : undefined}
                    onChange={(e) => setAnswers({ ...answers, [q.id]: e.target.value })}
                  >
                    <option value="">{t.choose.replace(/\{([^|{}]+)\|[^|{}]+\}/g, "$1")}</option>
                    {q.options.map((o) => (
                      <option key={o} value={o} lang="ja">
                        {o}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    id={id}
                    className="min-h-12 rounded-8 border-2 border-solid-gray-600 px-3 text-std-18N-160"
                    value={answers[q.id] ?? ""}
                    maxLength={200}
                    aria-invalid={problems[q.id] ? true : undefined}
                    aria-describedby={problems[q.id] ? problemId : undefined}
                    onChange={(e) => setAnswers({ ...answers, [q.id]: e.target.value })}
                  />
                )}
                {problems[q.id] ? (
                  <p id={problemId} className="text-std-16N-170 text-error-1">
                    <R>{t.refusals.invalid}</R>
                  </p>
                ) : null}
              </div>
            );
          })}
        </fieldset>
      ) : null}
      {error ? (
        <Notice tone="warn">
          <span lang={error.lang}>{error.text}</span>
        </Notice>
      ) : null}
      <button type="submit" className={waitlistOnly ? SECONDARY_BUTTON : PRIMARY_BUTTON} disabled={pending} aria-busy={pending}>
        <R>{waitlistOnly ? t.joinWaitlist : t.confirm}</R>
      </button>
    </form>
  );
}
