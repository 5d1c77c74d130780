import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";

export const CONTROL_CLASSES =
  "block w-full rounded-8 border border-solid-gray-600 bg-white px-4 py-3 text-std-16N-170 text-solid-gray-900 " +
  "aria-[invalid=true]:border-2 aria-[invalid=true]:border-error-1 disabled:bg-solid-gray-50";

type FieldShellProps = {
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  children: (ids: { controlId: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
};

/** Label, hint and error wired to the control with ids, so screen readers announce all three. */
export function FieldShell({ label, hint, error, required, children }: FieldShellProps) {
  const controlId = useId();
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={controlId} className="text-std-16B-170 text-solid-gray-800">
        {label}
        {required ? <span className="ml-2 text-oln-14B-100 text-error-2">※必須</span> : null}
      </label>
      {hint ? (
        <p id={hintId} className="text-std-16N-170 text-solid-gray-700">
          {hint}
        </p>
      ) : null}
      {children({ controlId, describedBy, invalid: Boolean(error) })}
      {error ? (
        <p id={errorId} className="text-std-16B-170 text-error-2">
          {error}
        </p>
      ) : null}
    </div>
  );
}

type InputFieldProps = InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: string; error?: string };

export function InputField({ label, hint, error, required, className = "", ref, ...props }: InputFieldProps & { ref?: React.Ref<HTMLInputElement> }) {
  return (
    <FieldShell label={label} hint={hint} error={error} required={required}>
      {({ controlId, describedBy, invalid }) => (
        <input
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

type SelectFieldProps = SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  hint?: string;
  error?: string;
  options: readonly { value: string; label: string }[];
  /** Further options in labelled groups (<optgroup>), after `options`. */
  groups?: readonly { label: string; options: readonly { value: string; label: string }[] }[];
  placeholder?: string;
};

export function SelectField({ label, hint, error, required, options, groups = [], placeholder, className = "", ref, ...props }: SelectFieldProps & { ref?: React.Ref<HTMLSelectElement> }) {
  return (
    <FieldShell label={label} hint={hint} error={error} required={required}>
      {({ controlId, describedBy, invalid }) => (
        <select
          ref={ref}
          id={controlId}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          aria-required={required}
          className={`${CONTROL_CLASSES} ${className}`}
          {...props}
        >
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
          {groups.map((group) => (
            <optgroup key={group.label} label={group.label}>
              {group.options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      )}
    </FieldShell>
  );
}
