"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import type { IdentityAnswer } from "@/lib/forms/answers";
import { type FormDefinition, textIn } from "@/lib/forms/definition";
import { pageAnswersOf, validatePageAnswers } from "@/lib/forms/page-answers";
import { type FillerMessages, fill } from "@/lib/forms/page-messages";
import type { Answers } from "@/lib/forms/routing";
import type { ResidentLocale } from "@/lib/i18n/locale";
import { rubyFor } from "@/components/liff/furigana";
import { PRIMARY_BUTTON, SECONDARY_BUTTON } from "@/components/liff/ui";
import type { UploadFile } from "./file-field";
import { type FieldErrors, fieldId, QuestionField } from "./question-field";

export type PageScreenProps = {
  definition: FormDefinition;
  pageIndex: number;
  initial: Answers;
  identity: IdentityAnswer | null;
  locale: ResidentLocale;
  messages: FillerMessages;
  progress: { n: number; total: number };
  /** Resident: saves to the server. Preview: hands the checked answers back, nothing is written. */
  onSubmit: (answers: Answers, intent: "next" | "leave") => Promise<{ ok: true } | { ok: false; message: string; fieldErrors?: FieldErrors }>;
  back: ReactNode;
  canLeave: boolean;
  upload?: UploadFile;
};


/** One page of the definition on one screen: questions, error summary (focused), next / back / save and leave. */
export function PageScreen({ definition, pageIndex, initial, identity, locale, messages, progress, onSubmit, back, canLeave, upload }: PageScreenProps) {
  const page = definition.pages[pageIndex]!;
  const [values, setValues] = useState<Answers>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState<"next" | "leave" | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  const r = rubyFor(locale);
  // Until the page's script runs, typing would be lost to hydration and 次へ would only reload: hold the fields.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  useEffect(() => {
    if (formError || Object.keys(errors).length > 0) summary.current?.focus();
  }, [errors, formError]);

  async function submit(intent: "next" | "leave") {
    setFormError(null);
    const answers = pageAnswersOf(definition, pageIndex, values);
    const checked = validatePageAnswers(definition, pageIndex, answers, { locale, identity });
    if (!checked.ok) {
      setErrors(Object.fromEntries(checked.problems.map((p) => [p.path, p.message])));
      return;
    }
    setErrors({});
    setPending(intent);
    try {
      const result = await onSubmit(answers, intent);
      if (!result.ok) {
        setFormError(result.message);
        setErrors(result.fieldErrors ?? {});
        setPending(null);
      }
    } catch {
      setFormError(messages.network);
      setPending(null);
    }
  }

  const problems = Object.entries(errors);
  const title = page.title ? textIn(page.title, locale) : null;
  return (
    <form
      noValidate
      className="flex flex-col gap-6"
      onSubmit={(event) => {
        event.preventDefault();
        void submit("next");
      }}
    >
      <header className="flex flex-col gap-1">
        <p className="text-std-16B-170 text-blue-1000">{fill(messages.step, progress)}</p>
        <h1 className="text-std-24B-150">{r(textIn(definition.title, locale))}</h1>
        {title ? <h2 className="text-std-20B-150">{r(title)}</h2> : null}
      </header>
      {formError || problems.length > 0 ? (
        <div ref={summary} tabIndex={-1} role="alert" aria-labelledby="error-summary-title" className="rounded-12 border-2 border-error-1 bg-red-50 p-4" data-testid="error-summary">
          <h2 id="error-summary-title" className="text-std-18B-160">{r(messages.errorSummary)}</h2>
          {formError && problems.length === 0 ? <p>{formError}</p> : null}
          <ul className="list-disc pl-6">
            {problems.map(([path, message]) => (
              <li key={path}>
                <a href={`#${fieldId(path)}`} className="text-error-2 underline">{message}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <fieldset disabled={!hydrated} aria-busy={!hydrated} className="m-0 flex min-w-0 flex-col gap-6 border-0 p-0">
        {page.questions.map((question) => (
          <QuestionField
            key={question.id}
            question={question}
            path={question.id}
            value={values[question.id]}
            onChange={(value) => setValues((old) => ({ ...old, [question.id]: value }))}
            errors={errors}
            locale={locale}
            messages={messages}
            identity={identity}
            upload={upload}
          />
        ))}
        <div className="flex flex-col gap-3">
          <button type="submit" className={PRIMARY_BUTTON} disabled={pending !== null} aria-busy={pending === "next"}>
            {r(pending === "next" ? messages.saving : messages.next)}
          </button>
          {canLeave ? (
            <button type="button" className={SECONDARY_BUTTON} disabled={pending !== null} aria-busy={pending === "leave"} onClick={() => void submit("leave")}>
              {r(pending === "leave" ? messages.saving : messages.saveAndLeave)}
            </button>
          ) : null}
          {back}
        </div>
      </fieldset>
    </form>
  );
}
