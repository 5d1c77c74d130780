"use client";

import { get, useFormContext, type FieldValues } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { InputField, SelectField } from "@/components/ui/field";
import { CheckboxField, TextareaField } from "@/components/ui/textarea-field";

/** The editor's form: paths are built from indexes at run time, so values are typed loosely here. */
export const useEditor = () => useFormContext<FieldValues>();

export function errorAt(errors: unknown, path: string): string | undefined {
  const error = get(errors, path) as { message?: unknown; root?: { message?: unknown } } | undefined;
  const message = error?.message ?? error?.root?.message;
  return typeof message === "string" ? message : undefined;
}

/** Empty input → undefined, so the schema names the missing number instead of reading 0. */
const toNumber = (value: unknown) => (value === "" || value === null || value === undefined ? undefined : typeof value === "number" ? value : Number(value));

export function TextInput({ path, label, hint, required }: { path: string; label: string; hint?: string; required?: boolean }) {
  const { register, formState } = useEditor();
  return <InputField label={label} hint={hint} required={required} error={errorAt(formState.errors, path)} {...register(path)} />;
}

export function NumberInput({ path, label, hint, required }: { path: string; label: string; hint?: string; required?: boolean }) {
  const { register, formState } = useEditor();
  return <InputField label={label} hint={hint} required={required} type="number" inputMode="numeric" error={errorAt(formState.errors, path)} {...register(path, { setValueAs: toNumber })} />;
}

export function SelectInput({ path, label, options, hint, placeholder, numeric }: { path: string; label: string; options: readonly { value: string; label: string }[]; hint?: string; placeholder?: string; numeric?: boolean }) {
  const { register, formState } = useEditor();
  return <SelectField label={label} hint={hint} placeholder={placeholder} options={options} error={errorAt(formState.errors, path)} {...register(path, numeric ? { setValueAs: toNumber } : {})} />;
}

export function CheckboxInput({ path, label, id, value }: { path: string; label: string; id: string; value?: string }) {
  const { register, formState } = useEditor();
  return <CheckboxField id={id} label={label} value={value} error={value ? undefined : errorAt(formState.errors, path)} {...register(path)} />;
}

/** One wording in 日本語 with optional やさしい日本語 and English; residents see 日本語 where one is left empty. */
export function LocalizedFields({ path, label, required, multiline }: { path: string; label: string; required?: boolean; multiline?: boolean }) {
  const { register, formState } = useEditor();
  const versions = [
    { key: "ja", suffix: "（日本語）", must: required },
    { key: "ja-easy", suffix: "（やさしい日本語・任意）", must: false },
    { key: "en", suffix: "（英語・任意）", must: false },
  ] as const;
  return (
    <div className="grid gap-3 md:grid-cols-3">
      {versions.map(({ key, suffix, must }) => {
        const props = { label: `${label}${suffix}`, required: must, lang: key === "en" ? "en" : "ja", error: errorAt(formState.errors, `${path}.${key}`), ...register(`${path}.${key}`) };
        return multiline ? <TextareaField key={key} rows={3} {...props} /> : <InputField key={key} {...props} />;
      })}
    </div>
  );
}

/** 上へ・下へ・削除 for one item of a list, each button naming the item for screen readers. */
export function ItemControls({ name, index, count, onMove, onRemove, removeDisabled }: { name: string; index: number; count: number; onMove: (from: number, to: number) => void; onRemove: () => void; removeDisabled?: boolean }) {
  return (
    <div className="flex flex-wrap gap-2">
      <Button size="sm" variant="secondary" disabled={index === 0} aria-label={`${name}を上へ`} onClick={() => onMove(index, index - 1)}>
        上へ
      </Button>
      <Button size="sm" variant="secondary" disabled={index === count - 1} aria-label={`${name}を下へ`} onClick={() => onMove(index, index + 1)}>
        下へ
      </Button>
      <Button size="sm" variant="ghost" disabled={removeDisabled} aria-label={`${name}を削除`} onClick={onRemove}>
        削除
      </Button>
    </div>
  );
}

export function ArrayError({ path }: { path: string }) {
  const { formState } = useEditor();
  const message = errorAt(formState.errors, path);
  return message ? <p className="text-std-16B-170 text-error-2">{message}</p> : null;
}
