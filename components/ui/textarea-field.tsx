import type { InputHTMLAttributes, TextareaHTMLAttributes } from "react";
import { CONTROL_CLASSES, FieldShell } from "./field";

type TextareaFieldProps = TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; hint?: string; error?: string };

/** A multi-line text field with the same label, hint and error wiring as InputField. */
export function TextareaField({ label, hint, error, required, className = "", ref, ...props }: TextareaFieldProps & { ref?: React.Ref<HTMLTextAreaElement> }) {
  return (
    <FieldShell label={label} hint={hint} error={error} required={required}>
      {({ controlId, describedBy, invalid }) => (
        <textarea
          ref={ref}
          id={controlId}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          aria-required={required}
          className={`${CONTROL_CLASSES} ${className}`}
          {...props}
        />
      )}
    </FieldShell>
  );
}

type CheckboxFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "type"> & { label: string; hint?: string; error?: string };

/** A checkbox with its label to the right; a 24px box so it is easy to hit. */
export function CheckboxField({ label, hint, error, id, ref, ...props }: CheckboxFieldProps & { ref?: React.Ref<HTMLInputElement> }) {
  const controlId = id ?? `cb-${props.name ?? label}`;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={controlId} className="inline-flex min-h-10 cursor-pointer items-center gap-3 text-std-16N-170 text-solid-gray-900">
        <input
          ref={ref}
          id={controlId}
          type="checkbox"
          aria-invalid={Boolean(error)}
          aria-describedby={hint || error ? `${controlId}-desc` : undefined}
          className="size-6 shrink-0 accent-blue-900"
          {...props}
        />
        {label}
      </label>
      {hint || error ? (
        <p id={`${controlId}-desc`} className={error ? "text-std-16B-170 text-error-2" : "text-std-16N-170 text-solid-gray-700"}>
          {error ?? hint}
        </p>
      ) : null}
    </div>
  );
}
