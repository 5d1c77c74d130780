"use client";

import { useState } from "react";
import type { IdentityAnswer } from "@/lib/forms/answers";
import type { FormDefinition } from "@/lib/forms/definition";
import { mergePageAnswers } from "@/lib/forms/page-answers";
import { FORM_PAGE_MESSAGES } from "@/lib/forms/page-messages";
import { type Answers, pathOf } from "@/lib/forms/routing";
import type { ResidentLocale } from "@/lib/i18n/locale";
import { rubyFor } from "@/components/liff/furigana";
import { Notice, SECONDARY_BUTTON, StepHeader } from "@/components/liff/ui";
import { AnswerSummary, FeeSummary } from "./answer-summary";
import { IdentityBlock } from "./identity-block";
import { PageScreen } from "./page-screen";

/**
 * The staff preview: the resident's screens, one page at a time on the same route, with answers kept only in this
 * browser tab (nothing is saved or sent). The identity step shows a sample card holder.
 */
export function FormWalkthrough({ definition, locale, sampleIdentity }: { definition: FormDefinition; locale: ResidentLocale; sampleIdentity: IdentityAnswer }) {
  const m = FORM_PAGE_MESSAGES[locale];
  const r = rubyFor(locale);
  const identity = definition.identity === "jpki" ? sampleIdentity : null;
  const [answers, setAnswers] = useState<Answers>({});
  const [at, setAt] = useState<number | "identity" | "check">(identity ? "identity" : 0);
  const path = pathOf(definition, answers);
  const restart = (
    <button type="button" className={SECONDARY_BUTTON} onClick={() => { setAnswers({}); setAt(identity ? "identity" : 0); }}>
      {r(m.filler.restart)}
    </button>
  );
  return (
    <div lang={locale === "en" ? "en" : "ja"} className="mx-auto flex max-w-xl flex-col gap-6 rounded-12 border-2 border-solid-gray-200 bg-white p-4 text-std-18N-160">
      <Notice tone="info">{r(m.filler.previewNotice)}</Notice>
      {at === "identity" ? (
        <>
          <StepHeader title={r(m.identityTitle)} />
          <p>{r(m.identityIntro)}</p>
          <IdentityBlock identity={sampleIdentity} locale={locale} messages={m.filler} />
          <button type="button" className={SECONDARY_BUTTON} onClick={() => setAt(0)}>{r(m.filler.next)}</button>
        </>
      ) : at === "check" ? (
        <>
          <StepHeader title={r(m.checkTitle)} />
          <p>{r(m.checkIntro)}</p>
          <AnswerSummary
            definition={definition}
            answers={answers}
            locale={locale}
            change={(pageId, label) => (
              <button type="button" className="text-blue-900 underline" onClick={() => setAt(definition.pages.findIndex((p) => p.id === pageId))}>
                {r(m.filler.change)}
                <span className="sr-only">: {label}</span>
              </button>
            )}
          />
          <FeeSummary definition={definition} answers={answers} locale={locale} />
          <p>{r(m.filler.previewEnd)}</p>
          {restart}
        </>
      ) : (
        <PageScreen
          key={at}
          definition={definition}
          pageIndex={at}
          initial={answers}
          identity={identity}
          locale={locale}
          messages={m.filler}
          progress={{ n: path.indexOf(at) + 1, total: path.length }}
          canLeave={false}
          back={
            <button
              type="button"
              className="text-std-18N-160 text-blue-900 underline"
              onClick={() => {
                const index = path.indexOf(at);
                setAt(index > 0 ? path[index - 1]! : identity ? "identity" : 0);
              }}
            >
              {r(m.filler.back)}
            </button>
          }
          onSubmit={async (pageAnswers) => {
            const merged = mergePageAnswers(definition, answers, at, pageAnswers);
            setAnswers(merged.answers);
            setAt(merged.next ?? "check");
            return { ok: true };
          }}
        />
      )}
    </div>
  );
}
