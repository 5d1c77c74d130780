"use client";

import { useFieldArray } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { nextId } from "@/lib/forms/editor";
import { ArrayError, ItemControls, LocalizedFields, TextInput, useEditor } from "./editor-fields";

/** The choices of a single or multiple choice question: a stable value (used in routes and fees) and its wording. */
export function OptionsEditor({ path }: { path: string }) {
  const { control, getValues } = useEditor();
  const { fields, append, remove, move } = useFieldArray({ control, name: path, keyName: "key" });
  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="text-std-16B-170">選択肢</legend>
      <ArrayError path={path} />
      <ol className="flex flex-col gap-3">
        {fields.map((field, index) => (
          <li key={field.key} className="flex flex-col gap-2 rounded-8 border border-solid-gray-200 p-3">
            <div className="flex flex-wrap items-end justify-between gap-3">
              <div className="w-64">
                <TextInput path={`${path}.${index}.value`} label={`選択肢${index + 1}の値`} hint="分岐・手数料で使います（英小文字）" required />
              </div>
              <ItemControls name={`選択肢${index + 1}`} index={index} count={fields.length} onMove={move} onRemove={() => remove(index)} />
            </div>
            <LocalizedFields path={`${path}.${index}.label`} label={`選択肢${index + 1}`} required />
          </li>
        ))}
      </ol>
      <div>
        <Button
          size="sm"
          variant="secondary"
          onClick={() => {
            const used = ((getValues(path) ?? []) as { value: string }[]).map((o) => o.value);
            append({ value: nextId("option", used), label: { ja: "", "ja-easy": "", en: "" } });
          }}
        >
          選択肢を追加
        </Button>
      </div>
    </fieldset>
  );
}
