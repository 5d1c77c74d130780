"use client";

import type { UseFormRegisterReturn } from "react-hook-form";
import { SelectField } from "@/components/ui/field";
import { TextareaField } from "@/components/ui/textarea-field";
import type { ReviewDecision } from "@/lib/review/decisions";

/**
 * The parts every review decision form shares (benefit filings, form submissions): the 承認・差し戻し・却下 radios
 * with nothing preselected, and the reason with its templates. Each form keeps its own schema and action.
 */
export function DecisionChoices({
  choices,
  registration,
  error,
}: {
  choices: readonly (readonly [ReviewDecision, string])[];
  registration: UseFormRegisterReturn;
  error?: string;
}) {
  return (
    <fieldset className="flex flex-col gap-1" aria-describedby={error ? "decision-error" : undefined}>
      <legend className="text-std-16B-170">判断</legend>
      {choices.map(([value, label]) => (
        <label key={value} className="inline-flex min-h-10 items-center gap-3 text-std-16N-170">
          <input type="radio" value={value} {...registration} className="size-5 shrink-0 accent-blue-900" />
          {label}
        </label>
      ))}
      {error ? (
        <p id="decision-error" className="text-std-16B-170 text-error-2">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** 「よく使う理由」 fills the textarea, where the reviewer can still rewrite it. */
export function ReasonFields({
  templates,
  label,
  registration,
  error,
  onTemplate,
}: {
  templates: readonly string[];
  label: string;
  registration: UseFormRegisterReturn;
  error?: string;
  onTemplate: (text: string) => void;
}) {
  return (
    <>
      <SelectField
        label="よく使う理由"
        hint="選ぶと下の欄に入ります。そのあと書き直せます"
        placeholder="選んでください"
        options={templates.map((text) => ({ value: text, label: text }))}
        value=""
        onChange={(event) => event.target.value && onTemplate(event.target.value)}
      />
      <TextareaField label={label} required rows={4} {...registration} error={error} />
    </>
  );
}

export const DECISION_BUTTON_LABELS: Record<ReviewDecision, string> = { approve: "承認する", reject: "却下する", return: "差し戻す" };
