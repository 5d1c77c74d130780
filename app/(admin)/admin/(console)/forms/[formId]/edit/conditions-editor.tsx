"use client";

import { useFieldArray, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import type { FormDefinitionInput } from "@/lib/forms/definition";
import { CONDITION_OP_LABELS } from "@/lib/forms/editor-labels";
import { ArrayError, errorAt, SelectInput, TextInput, useEditor } from "./editor-fields";

type QuestionInput = FormDefinitionInput["pages"][number]["questions"][number];
export type QuestionChoice = { id: string; label: string; type: string; pageIndex: number; options: { value: string; label: string }[]; inner: QuestionInput[] };

/** Every top-level question of the form being edited, for condition and fee pickers. */
export function useQuestionChoices(): QuestionChoice[] {
  const pages = (useWatch({ name: "pages" }) ?? []) as FormDefinitionInput["pages"];
  return pages.flatMap((page, pageIndex) =>
    (page?.questions ?? []).map((q) => ({
      id: q.id,
      label: `ページ${pageIndex + 1}: ${q.label?.ja || q.id}（${q.id}）`,
      type: q.type,
      pageIndex,
      options: "options" in q && Array.isArray(q.options) ? q.options.map((o) => ({ value: o.value, label: `${o.label?.ja || o.value}（${o.value}）` })) : [],
      inner: q.type === "group" && Array.isArray(q.questions) ? q.questions : [],
    })),
  );
}

const OPS = Object.entries(CONDITION_OP_LABELS).map(([value, label]) => ({ value, label: `（質問）${label}` }));

function ConditionRow({ path, index, questions, onRemove }: { path: string; index: number; questions: QuestionChoice[]; onRemove: () => void }) {
  const { formState } = useEditor();
  const condition = (useWatch({ name: path }) ?? {}) as { questionId?: string; op?: string };
  const question = questions.find((q) => q.id === condition.questionId);
  const needsValue = condition.op !== "answered" && condition.op !== "not_answered";
  return (
    <li className="flex flex-col gap-2 rounded-8 border border-solid-gray-200 p-3">
      <p className="text-std-16B-170">条件{index + 1}</p>
      <div className="grid gap-3 md:grid-cols-3">
        <SelectInput path={`${path}.questionId`} label="どの質問の回答か" placeholder="選んでください" options={questions.map((q) => ({ value: q.id, label: q.label }))} />
        <SelectInput path={`${path}.op`} label="比べ方" options={OPS} />
        {needsValue ? (
          question && question.options.length > 0 ? (
            <SelectInput path={`${path}.value`} label="値" placeholder="選んでください" options={question.options} />
          ) : (
            <TextInput path={`${path}.value`} label="値" hint={question?.type === "number" ? "数値で入力" : undefined} />
          )
        ) : null}
      </div>
      {errorAt(formState.errors, path) ? <p className="text-std-16B-170 text-error-2">{errorAt(formState.errors, path)}</p> : null}
      <div>
        <Button size="sm" variant="ghost" aria-label={`条件${index + 1}を削除`} onClick={onRemove}>
          この条件を削除
        </Button>
      </div>
    </li>
  );
}

/** Conditions that must all hold (かつ); each compares one answer. */
export function ConditionsEditor({ path, questions, title }: { path: string; questions: QuestionChoice[]; title: string }) {
  const { control } = useEditor();
  const { fields, append, remove } = useFieldArray({ control, name: path, keyName: "key" });
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="text-std-16B-170">{title}（すべて当てはまるとき）</legend>
      <ArrayError path={path} />
      <ol className="flex flex-col gap-2">
        {fields.map((field, index) => (
          <ConditionRow key={field.key} path={`${path}.${index}`} index={index} questions={questions} onRemove={() => remove(index)} />
        ))}
      </ol>
      <div>
        <Button size="sm" variant="secondary" onClick={() => append({ questionId: questions[0]?.id ?? "", op: "equals", value: "" })}>
          条件を追加
        </Button>
      </div>
    </fieldset>
  );
}
