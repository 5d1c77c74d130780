"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { RESIDENT_LOCALE_NAMES, RESIDENT_LOCALES, type ResidentLocale } from "@/lib/i18n/locale";
import { setResidentLocaleAction, setTopicSubscriptionAction } from "@/lib/segments/actions";
import { SEGMENT_MESSAGES } from "@/lib/segments/messages";
import type { ResidentTopic } from "@/lib/segments/queries";

type Status = { tone: "ok" | "error"; text: string } | null;

/** Switches save at once; the result is announced in a live region so screen readers hear it too. */
export function SettingsForm({ topics, locale, languageSaved }: { topics: ResidentTopic[]; locale: ResidentLocale; languageSaved: boolean }) {
  // The messages hold functions: each client side reads its own copy rather than receiving them as props.
  const t = SEGMENT_MESSAGES[locale].settings;
  const router = useRouter();
  const [state, setState] = useState(() => new Map(topics.map((topic) => [topic.id, topic.subscribed])));
  const [status, setStatus] = useState<Status>(languageSaved ? { tone: "ok", text: t.languageSaved } : null);
  const [busy, setBusy] = useState<string | null>(null);
  const [, startTransition] = useTransition();

  async function toggle(topic: ResidentTopic) {
    const next = !state.get(topic.id);
    setBusy(topic.id);
    setStatus({ tone: "ok", text: t.saving });
    const result = await setTopicSubscriptionAction({ topicId: topic.id, subscribed: next }).catch(() => null);
    setBusy(null);
    if (!result?.ok) return setStatus({ tone: "error", text: t.saveFailed });
    setState((current) => new Map(current).set(topic.id, next));
    setStatus({ tone: "ok", text: next ? t.savedOn(topic.name) : t.savedOff(topic.name) });
  }

  async function chooseLanguage(to: ResidentLocale) {
    if (to === locale) return;
    setStatus({ tone: "ok", text: t.saving });
    const result = await setResidentLocaleAction({ locale: to }).catch(() => null);
    if (!result?.ok) return setStatus({ tone: "error", text: t.saveFailed });
    setStatus(null);
    // The page re-renders in the new language, which then says it was saved.
    startTransition(() => router.replace("/liff/settings?saved=language"));
  }

  return (
    <>
      <p role="status" aria-live="polite" className={status ? `rounded-8 border-2 p-3 text-std-16B-170 ${status.tone === "ok" ? "border-success-1 bg-green-50 text-solid-gray-900" : "border-error-1 bg-red-50 text-error-2"}` : "sr-only"}>
        {status?.text ?? ""}
      </p>
      <section aria-labelledby="topics-heading" className="flex flex-col gap-3">
        <h2 id="topics-heading" className="text-std-20B-150">{t.topicsHeading}</h2>
        <p className="text-std-16N-170 text-solid-gray-700">{t.topicsHint}</p>
        {topics.length === 0 ? <p>{t.noTopics}</p> : null}
        <ul className="flex flex-col gap-3">
          {topics.map((topic) => {
            const on = state.get(topic.id) ?? false;
            return (
              <li key={topic.id} className="flex flex-col gap-2 rounded-12 border-2 border-solid-gray-420 p-4">
                <div className="flex items-center justify-between gap-3">
                  <span id={`topic-${topic.id}`} className="text-std-20B-150">
                    <span aria-hidden="true">{topic.icon} </span>
                    {topic.name}
                  </span>
                  <button
                    type="button"
                    role="switch"
                    aria-checked={on}
                    aria-labelledby={`topic-${topic.id}`}
                    aria-busy={busy === topic.id}
                    disabled={busy !== null}
                    onClick={() => void toggle(topic)}
                    className={`min-h-12 min-w-28 rounded-full border-2 px-4 text-std-16B-170 ${on ? "border-blue-900 bg-blue-900 text-white" : "border-solid-gray-600 bg-white text-solid-gray-800"}`}
                  >
                    {on ? t.on : t.off}
                  </button>
                </div>
                <p className="text-std-16N-170 text-solid-gray-700">
                  <span className="font-bold">{t.sends}: </span>
                  {topic.description}
                </p>
              </li>
            );
          })}
        </ul>
        <p className="text-std-16N-170 text-solid-gray-700">{t.emergencyNote}</p>
      </section>
      <section aria-labelledby="language-heading" className="flex flex-col gap-3">
        <h2 id="language-heading" className="text-std-20B-150">{t.languageHeading}</h2>
        <p className="text-std-16N-170 text-solid-gray-700">{t.languageHint}</p>
        <div role="radiogroup" aria-labelledby="language-heading" className="flex flex-col gap-2">
          {RESIDENT_LOCALES.map((option) => (
            <label key={option} lang={RESIDENT_LOCALE_NAMES[option].lang} className="flex min-h-12 items-center gap-3 rounded-8 border-2 border-solid-gray-420 px-4 text-std-18N-160">
              <input type="radio" name="locale" value={option} checked={option === locale} onChange={() => void chooseLanguage(option)} className="size-6 accent-blue-900" />
              {RESIDENT_LOCALE_NAMES[option].label}
            </label>
          ))}
        </div>
      </section>
    </>
  );
}
