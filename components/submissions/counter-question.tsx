"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { InputField, SelectField } from "@/components/ui/field";
import { CheckboxField, TextareaField } from "@/components/ui/textarea-field";
import type { LeafQuestion, Question } from "@/lib/forms/definition";

/** Problems by answer path ("certificates.0.copies"), as lib/forms/answers.ts reports them. */
export type Problems = Record<string, string>;

const ja = (text: { ja: string }) => text.ja;

/** One question of a paper form as a plain staff field; the name is its path in the answers. */
export function LeafField({ question, name, problems }: { question: LeafQuestion | Question; name: string; problems: Problems }) {
  const label = ja(question.label);
  const hint = question.help ? ja(question.help) : undefined;
  const error = problems[name];
  const required = question.required;
  switch (question.type) {
    case "long_text":
      return <TextareaField label={label} hint={hint} name={name} rows={3} required={required} error={error} />;
    case "number":
      return <InputField label={question.unit ? `${label}（${ja(question.unit)}）` : label} hint={hint} name={name} inputMode="numeric" required={required} error={error} />;
    case "date":
      return <InputField label={label} hint={hint} name={name} type="date" required={required} error={error} />;
    case "phone":
      return <InputField label={label} hint={hint} name={name} type="tel" required={required} error={error} />;
    case "email":
      return <InputField label={label} hint={hint} name={name} type="email" required={required} error={error} />;
    case "single_choice":
      return <SelectField label={label} hint={hint} name={name} placeholder="選んでください" options={question.options.map((o) => ({ value: o.value, label: ja(o.label) }))} required={required} error={error} />;
    case "multiple_choice":
      return (
        <fieldset className="flex flex-col gap-1">
          <legend className="text-std-16B-170">{label}{required ? "（必須）" : ""}</legend>
          {question.options.map((o) => (
            <label key={o.value} className="inline-flex min-h-10 items-center gap-3 text-std-16N-170">
              <input type="checkbox" name={name} value={o.value} className="size-5 accent-blue-900" />
              {ja(o.label)}
            </label>
          ))}
          {error ? <p className="text-std-16B-170 text-error-2">{error}</p> : null}
        </fieldset>
      );
    case "address":
      return (
        <fieldset className="flex flex-col gap-2">
          <legend className="text-std-16B-170">{label}{required ? "（必須）" : ""}</legend>
          <div className="w-40">
            <InputField label="郵便番号" name={`${name}.postalCode`} inputMode="numeric" />
          </div>
          <InputField label="住所" name={`${name}.address`} error={error} />
        </fieldset>
      );
    case "consent":
      return <CheckboxField label={`${label}: ${ja(question.statement)}`} name={name} value="true" error={error} />;
    case "file":
      return <p className="text-std-16N-170"><span className="text-std-16B-170">{label}</span>: 窓口では添付書類を紙で受け取ります（この欄は入力しません）。</p>;
    case "identity":
    case "group":
      return null;
    default:
      return <InputField label={label} hint={hint} name={name} required={required} error={error} />;
  }
}

/** A repeatable group (e.g. one row per certificate): rows can be added and removed. */
export function GroupField({ question, problems }: { question: Extract<Question, { type: "group" }>; problems: Problems }) {
  const [rows, setRows] = useState<number[]>(() => Array.from({ length: Math.max(1, question.minItems) }, (_, i) => i));
  const item = ja(question.itemLabel);
  return (
    <fieldset className="flex flex-col gap-3 rounded-8 border border-solid-gray-200 p-4">
      <legend className="px-1 text-std-16B-170">{ja(question.label)}</legend>
      {problems[question.id] ? <p className="text-std-16B-170 text-error-2">{problems[question.id]}</p> : null}
      {rows.map((key, index) => (
        <div key={key} className="flex flex-col gap-2 border-l-4 border-solid-gray-200 pl-3" data-group-row={question.id}>
          <p className="text-std-16B-170">{item} {index + 1}</p>
          {question.questions.map((inner) => (
            <LeafField key={inner.id} question={inner} name={`${question.id}.${index}.${inner.id}`} problems={problems} />
          ))}
          {rows.length > question.minItems ? (
            <div>
              <Button variant="ghost" onClick={() => setRows((current) => current.filter((k) => k !== key))}>
                {item} {index + 1} を削除
              </Button>
            </div>
          ) : null}
        </div>
      ))}
      {rows.length < question.maxItems ? (
        <div>
          <Button variant="secondary" onClick={() => setRows((current) => [...current, Math.max(-1, ...current) + 1])}>
            {item}を追加
          </Button>
        </div>
      ) : null}
    </fieldset>
  );
}
