"use client";

import { useFieldArray, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import type { QuestionType } from "@/lib/forms/definition";
import { newQuestion, nextId } from "@/lib/forms/editor";
import { QUESTION_TYPE_LABELS } from "@/lib/forms/editor-labels";
import { ArrayError, CheckboxInput, ItemControls, LocalizedFields, NumberInput, TextInput, useEditor } from "./editor-fields";
import { QuestionSettings } from "./question-settings";

const LEAF_TYPES: QuestionType[] = ["short_text", "long_text", "number", "date", "single_choice", "multiple_choice", "address", "phone", "email"];
const ALL_TYPES: QuestionType[] = [...LEAF_TYPES, "file", "consent", "identity", "group"];

type Props = { path: string; name: string; index: number; count: number; leaf?: boolean; onMove: (from: number, to: number) => void; onRemove: () => void; onReplace: (value: Record<string, unknown>) => void };

/** One question: id, type, wording in three languages, help, required, and the type's own settings. */
export function QuestionCard({ path, name, index, count, leaf, onMove, onRemove, onReplace }: Props) {
  const { getValues } = useEditor();
  const type = useWatch({ name: `${path}.type` }) as QuestionType;
  const types = leaf ? LEAF_TYPES : ALL_TYPES;
  return (
    <section aria-label={name} className="flex flex-col gap-3 rounded-8 border border-solid-gray-420 bg-white p-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h4 className="text-std-18B-160">{name}</h4>
        <ItemControls name={name} index={index} count={count} onMove={onMove} onRemove={onRemove} removeDisabled={count === 1} />
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        <TextInput path={`${path}.id`} label="質問ID" hint="分岐・手数料で使います（英小文字・数字・_）" required />
        <SelectField
          label="質問の種類"
          value={type}
          options={types.map((t) => ({ value: t, label: QUESTION_TYPE_LABELS[t] }))}
          onChange={(event) => {
            const current = getValues(path) as { id: string; label?: unknown; help?: unknown; required?: boolean };
            onReplace(newQuestion(event.target.value as QuestionType, current));
          }}
        />
      </div>
      <LocalizedFields path={`${path}.label`} label="質問文" required />
      <LocalizedFields path={`${path}.help`} label="補足説明" multiline />
      <CheckboxInput id={`${path}-required`} path={`${path}.required`} label="回答を必須にする" />
      <QuestionSettings path={path} type={type} />
      {type === "group" ? <GroupQuestions path={path} /> : null}
    </section>
  );
}

/** A repeatable group: how one row is called, how many rows, and the questions each row asks. */
function GroupQuestions({ path }: { path: string }) {
  const { control, getValues } = useEditor();
  const { fields, append, remove, move, update } = useFieldArray({ control, name: `${path}.questions`, keyName: "key" });
  return (
    <div className="flex flex-col gap-3 border-l-4 border-blue-200 pl-4">
      <LocalizedFields path={`${path}.itemLabel`} label="1件の呼び方（例: 証明書）" required />
      <div className="grid gap-3 md:grid-cols-2">
        <NumberInput path={`${path}.minItems`} label="最小件数" required />
        <NumberInput path={`${path}.maxItems`} label="最大件数" required />
      </div>
      <h5 className="text-std-16B-170">1件ごとに聞く質問</h5>
      <ArrayError path={`${path}.questions`} />
      {fields.map((field, i) => (
        <QuestionCard
          key={field.key}
          leaf
          path={`${path}.questions.${i}`}
          name={`グループ内の質問${i + 1}`}
          index={i}
          count={fields.length}
          onMove={move}
          onRemove={() => remove(i)}
          onReplace={(value) => update(i, value)}
        />
      ))}
      <div>
        <Button
          size="sm"
          variant="secondary"
          onClick={() => {
            const used = ((getValues(`${path}.questions`) ?? []) as { id: string }[]).map((q) => q.id);
            append(newQuestion("short_text", { id: nextId("item", used) }));
          }}
        >
          グループに質問を追加
        </Button>
      </div>
    </div>
  );
}
