"use client";

import type { ReactNode } from "react";
import { formatWareki, isIsoDate } from "@/lib/dates/wareki";
import type { ResidentLocale } from "@/lib/i18n/locale";
import type { AddressAnswer, IdentityAnswer } from "@/lib/forms/answers";
import { type LeafQuestion, type LocalizedText, type Question, textIn } from "@/lib/forms/definition";
import { fill, type FillerMessages } from "@/lib/forms/page-messages";
import { rubyFor } from "@/components/liff/furigana";
import { FileField, type UploadFile } from "./file-field";
import { IdentityBlock } from "./identity-block";

export type FieldErrors = Record<string, string>;
type Props = {
  question: Question | LeafQuestion;
  /** The answer path: "phone", or "certificates.0.kind" inside a group row. */
  path: string;
  value: unknown;
  onChange: (value: unknown) => void;
  errors: FieldErrors;
  locale: ResidentLocale;
  messages: FillerMessages;
  identity: IdentityAnswer | null;
  /** The resident's draft takes files; the staff preview has none (nothing is stored there). */
  upload?: UploadFile;
};

const INPUT = "w-full rounded-8 border-2 border-solid-gray-600 bg-white px-4 py-3 text-std-18N-160 aria-[invalid=true]:border-error-1";
export const fieldId = (path: string) => `q-${path.replaceAll(".", "-")}`;

/** A question's wording in the resident's language (やさしい日本語 with readings). */
export function textFor(locale: ResidentLocale) {
  const r = rubyFor(locale);
  return (text: LocalizedText): ReactNode => r(textIn(text, locale));
}

function Help({ id, help, error, locale }: { id: string; help?: LocalizedText; error?: string; locale: ResidentLocale }) {
  const t = textFor(locale);
  return (
    <>
      {help ? <p id={`${id}-help`} className="text-std-16N-170 text-solid-gray-700">{t(help)}</p> : null}
      {error ? <p id={`${id}-error`} className="text-std-16B-170 text-error-2">{error}</p> : null}
    </>
  );
}

const describedBy = (id: string, help: unknown, error: unknown) => [help ? `${id}-help` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;

function LabelText({ question, locale, messages }: { question: Question | LeafQuestion; locale: ResidentLocale; messages: FillerMessages }) {
  const t = textFor(locale);
  return (
    <>
      {t(question.label)}
      {question.required ? null : <span className="ml-2 text-std-16N-170 text-solid-gray-700">（{messages.optional}）</span>}
    </>
  );
}

/** One question, rendered accessibly for its type: label, help, error and input are tied together. */
export function QuestionField(props: Props) {
  const { question, path, value, onChange, errors, locale, messages, identity } = props;
  const id = fieldId(path);
  const error = errors[path];
  const t = textFor(locale);
  const common = { id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy(id, question.help, error) } as const;
  const label = <LabelText question={question} locale={locale} messages={messages} />;
  const str = typeof value === "string" || typeof value === "number" ? String(value) : "";

  switch (question.type) {
    case "short_text":
    case "phone":
    case "email":
    case "number":
    case "long_text":
    case "date": {
      const input =
        question.type === "long_text" ? (
          <textarea {...common} className={`${INPUT} min-h-32`} value={str} maxLength={question.maxLength} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <input
            {...common}
            className={INPUT}
            value={str}
            onChange={(e) => onChange(e.target.value)}
            type={question.type === "phone" ? "tel" : question.type === "email" ? "email" : question.type === "date" ? "date" : "text"}
            inputMode={question.type === "number" ? "numeric" : undefined}
            autoComplete={question.type === "phone" ? "tel" : question.type === "email" ? "email" : undefined}
            maxLength={question.type === "short_text" ? question.maxLength : undefined}
          />
        );
      return (
        <div className="flex flex-col gap-2">
          <label htmlFor={id} className="text-std-18B-160">{label}</label>
          <Help id={id} help={question.help} error={error} locale={locale} />
          <div className="flex items-center gap-3">
            {input}
            {question.type === "number" && question.unit ? <span className="shrink-0 text-std-18N-160">{t(question.unit)}</span> : null}
          </div>
          {question.type === "date" && locale !== "en" && isIsoDate(str) ? <p className="text-std-16N-170" data-testid="wareki">{formatWareki(str)}</p> : null}
        </div>
      );
    }
    case "single_choice":
    case "multiple_choice": {
      const chosen = Array.isArray(value) ? (value as string[]) : [];
      return (
        <fieldset className="flex flex-col gap-2" aria-describedby={common["aria-describedby"]} aria-invalid={common["aria-invalid"]} id={id} tabIndex={-1}>
          <legend className="mb-1 text-std-18B-160">{label}</legend>
          <Help id={id} help={question.help} error={error} locale={locale} />
          {question.type === "multiple_choice" && question.maxSelected ? <p className="text-std-16N-170">{fill(messages.maxSelected, { n: question.maxSelected })}</p> : null}
          {question.options.map((option) => {
            const optionId = `${id}-${option.value}`;
            const checked = question.type === "single_choice" ? value === option.value : chosen.includes(option.value);
            return (
              <label key={option.value} htmlFor={optionId} className="flex min-h-12 cursor-pointer items-center gap-3 rounded-8 border-2 border-solid-gray-200 px-4 py-2 text-std-18N-160">
                <input
                  id={optionId}
                  type={question.type === "single_choice" ? "radio" : "checkbox"}
                  name={id}
                  className="size-6"
                  checked={checked}
                  onChange={() => onChange(question.type === "single_choice" ? option.value : checked ? chosen.filter((v) => v !== option.value) : [...chosen, option.value])}
                />
                {t(option.label)}
              </label>
            );
          })}
        </fieldset>
      );
    }
    case "address": {
      const a = (value ?? {}) as Partial<AddressAnswer>;
      return (
        <fieldset className="flex flex-col gap-2" id={id} tabIndex={-1} aria-describedby={common["aria-describedby"]}>
          <legend className="mb-1 text-std-18B-160">{label}</legend>
          <Help id={id} help={question.help} error={error} locale={locale} />
          <label htmlFor={`${id}-postal`} className="text-std-16B-170">{messages.postalCode}</label>
          <input id={`${id}-postal`} className={`${INPUT} max-w-48`} inputMode="numeric" autoComplete="postal-code" aria-invalid={common["aria-invalid"]} value={a.postalCode ?? ""} onChange={(e) => onChange({ ...a, postalCode: e.target.value })} />
          <label htmlFor={`${id}-line`} className="text-std-16B-170">{messages.addressLine}</label>
          <input id={`${id}-line`} className={INPUT} autoComplete="street-address" aria-invalid={common["aria-invalid"]} value={a.address ?? ""} onChange={(e) => onChange({ ...a, address: e.target.value })} />
        </fieldset>
      );
    }
    case "consent":
      return (
        <fieldset className="flex flex-col gap-2" id={id} tabIndex={-1} aria-describedby={common["aria-describedby"]}>
          <legend className="mb-1 text-std-18B-160">{label}</legend>
          <p className="whitespace-pre-line rounded-8 bg-solid-gray-50 p-4">{t(question.statement)}</p>
          <Help id={id} help={question.help} error={error} locale={locale} />
          <label htmlFor={`${id}-agree`} className="flex min-h-12 cursor-pointer items-center gap-3 text-std-18N-160">
            <input id={`${id}-agree`} type="checkbox" className="size-6" checked={value === true} aria-invalid={common["aria-invalid"]} onChange={(e) => onChange(e.target.checked)} />
            {rubyFor(locale)(messages.consent)}
          </label>
        </fieldset>
      );
    case "identity":
      return (
        <section className="flex flex-col gap-2" id={id} tabIndex={-1} aria-labelledby={`${id}-title`}>
          <h2 id={`${id}-title`} className="text-std-18B-160">{t(question.label)}</h2>
          <Help id={id} help={question.help} error={error} locale={locale} />
          {identity ? <IdentityBlock identity={identity} locale={locale} messages={messages} /> : null}
        </section>
      );
    case "file":
      if (props.upload) {
        return (
          <FileField id={id} question={question} label={<LabelText question={question} locale={locale} messages={messages} />} help={<Help id={id} help={question.help} error={error} locale={locale} />}
            describedBy={describedBy(id, question.help, error)} invalid={Boolean(error)} value={value} onChange={onChange} locale={locale} upload={props.upload} />
        );
      }
      // The staff preview stores nothing, so it says so rather than offer an input that cannot upload.
      return (
        <div className="flex flex-col gap-2" id={id} tabIndex={-1}>
          <p className="text-std-18B-160">{label}</p>
          <Help id={id} help={question.help} error={error} locale={locale} />
          <p role="note" className="rounded-8 border-2 border-warning-yellow-1 bg-yellow-50 p-4">{rubyFor(locale)(messages.fileUnavailable)}</p>
        </div>
      );
    case "group":
      return <GroupField {...props} question={question} />;
  }
}

/** A repeatable group: one row per item (e.g. per certificate), added and removed within min/max. */
function GroupField(props: Props & { question: Extract<Question, { type: "group" }> }) {
  const { question, path, value, onChange, errors, locale, messages } = props;
  const id = fieldId(path);
  // A required group opens with its minimum rows ready to fill, rather than an empty list and an add button.
  const rows = Array.isArray(value) ? (value as Record<string, unknown>[]) : Array.from({ length: Math.max(question.minItems, question.required ? 1 : 0) }, (): Record<string, unknown> => ({}));
  const r = rubyFor(locale);
  const item = textIn(question.itemLabel, locale);
  const error = errors[path];
  return (
    <fieldset className="flex flex-col gap-4" id={id} tabIndex={-1} aria-describedby={describedBy(id, question.help, error)}>
      <legend className="mb-1 text-std-18B-160"><LabelText question={question} locale={locale} messages={messages} /></legend>
      <Help id={id} help={question.help} error={error} locale={locale} />
      {rows.map((row, index) => (
        <section key={index} aria-labelledby={`${id}-${index}-title`} className="flex flex-col gap-4 rounded-12 border-2 border-solid-gray-200 p-4">
          <h3 id={`${id}-${index}-title`} className="text-std-18B-160">{r(`${item} ${index + 1}`)}</h3>
          {question.questions.map((inner) => (
            <QuestionField
              {...props}
              key={inner.id}
              question={inner}
              path={`${path}.${index}.${inner.id}`}
              value={row[inner.id]}
              onChange={(v) => onChange(rows.map((old, i) => (i === index ? { ...old, [inner.id]: v } : old)))}
            />
          ))}
          {rows.length > question.minItems ? (
            <button type="button" className="self-start text-std-16N-170 text-blue-900 underline" onClick={() => onChange(rows.filter((_, i) => i !== index))}>
              {r(fill(messages.removeRow, { item }))} <span className="sr-only">{index + 1}</span>
            </button>
          ) : null}
        </section>
      ))}
      {rows.length < question.maxItems ? (
        <button type="button" className="min-h-12 rounded-8 border-2 border-blue-900 bg-white px-4 text-std-18B-160 text-blue-900" onClick={() => onChange([...rows, {}])}>
          {r(fill(messages.addRow, { item }))}
        </button>
      ) : null}
    </fieldset>
  );
}
