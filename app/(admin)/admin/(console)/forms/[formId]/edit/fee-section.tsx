"use client";

import { useFieldArray, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { ConditionsEditor, type QuestionChoice, useQuestionChoices } from "./conditions-editor";
import { ArrayError, ItemControls, LocalizedFields, NumberInput, SelectInput, TextInput, useEditor } from "./editor-fields";

const TIMINGS = [
  { value: "none", label: "手数料なし" },
  { value: "on_filing", label: "申請時に納付（回答から金額が決まる）" },
  { value: "after_review", label: "事後決済（職員が金額を確定してから納付）" },
];
const KINDS = [
  { value: "fixed", label: "固定の数" },
  { value: "answer", label: "数値の質問の回答" },
  { value: "count", label: "グループの件数" },
  { value: "group_sum", label: "グループ内の数値の合計" },
];
const QUANTITY_DEFAULTS: Record<string, Record<string, unknown>> = {
  fixed: { kind: "fixed", value: 1 },
  answer: { kind: "answer", questionId: "" },
  count: { kind: "count", groupId: "" },
  group_sum: { kind: "group_sum", groupId: "", questionId: "" },
};

/** How many units: a fixed count, a number answer, the rows of a group or a sum over its rows (optionally filtered). */
function QuantityFields({ path, questions }: { path: string; questions: QuestionChoice[] }) {
  const { setValue } = useEditor();
  const quantity = (useWatch({ name: path }) ?? {}) as { kind?: string; groupId?: string };
  const groups = questions.filter((q) => q.type === "group");
  const group = groups.find((g) => g.id === quantity.groupId);
  const innerOf = (type: string) => (group?.inner ?? []).filter((q) => q.type === type).map((q) => ({ value: q.id, label: `${q.label?.ja || q.id}（${q.id}）` }));
  return (
    <div className="grid gap-3 md:grid-cols-2">
      <SelectField label="数量の決め方" value={quantity.kind ?? "fixed"} options={KINDS} onChange={(event) => setValue(path, QUANTITY_DEFAULTS[event.target.value], { shouldDirty: true })} />
      {quantity.kind === "fixed" ? <NumberInput path={`${path}.value`} label="数量" required /> : null}
      {quantity.kind === "answer" ? <SelectInput path={`${path}.questionId`} label="数量にする質問（数値）" placeholder="選んでください" options={questions.filter((q) => q.type === "number").map((q) => ({ value: q.id, label: q.label }))} /> : null}
      {quantity.kind === "count" || quantity.kind === "group_sum" ? <SelectInput path={`${path}.groupId`} label="グループの質問" placeholder="選んでください" options={groups.map((q) => ({ value: q.id, label: q.label }))} /> : null}
      {quantity.kind === "group_sum" ? (
        <>
          <SelectInput path={`${path}.questionId`} label="合計する質問（グループ内の数値）" placeholder="選んでください" options={innerOf("number")} />
          <SelectInput path={`${path}.where.questionId`} label="絞り込む質問（任意・グループ内の選択）" placeholder="絞り込まない" options={innerOf("single_choice")} />
          <TextInput path={`${path}.where.equals`} label="絞り込む選択肢の値（任意）" />
        </>
      ) : null}
    </div>
  );
}

export function FeeSection() {
  const { control, setValue } = useEditor();
  const timing = useWatch({ name: "payment.timing" }) as string;
  const items = useFieldArray({ control, name: "payment.items", keyName: "key" });
  const questions = useQuestionChoices();
  return (
    <section aria-labelledby="fee-heading" className="flex flex-col gap-4 rounded-12 border border-solid-gray-420 bg-white p-4">
      <h2 id="fee-heading" className="text-std-20B-150">手数料</h2>
      <SelectField
        label="納付の時期"
        value={timing}
        options={TIMINGS}
        // The items stay in the editor while "none" is chosen; the normaliser drops them on save.
        onChange={(event) => setValue("payment.timing", event.target.value, { shouldDirty: true })}
      />
      {timing === "none" ? null : (
        <>
          <ArrayError path="payment.items" />
          <ol className="flex flex-col gap-3">
            {items.fields.map((field, i) => (
              <li key={field.key} aria-label={`手数料の項目${i + 1}`} className="flex flex-col gap-3 rounded-8 border border-solid-gray-200 p-3">
                <div className="flex flex-wrap items-center justify-between gap-3">
                  <p className="text-std-16B-170">項目{i + 1}</p>
                  <ItemControls name={`手数料の項目${i + 1}`} index={i} count={items.fields.length} onMove={items.move} onRemove={() => items.remove(i)} />
                </div>
                <LocalizedFields path={`payment.items.${i}.label`} label="項目名" required />
                <div className="max-w-xs">
                  <NumberInput path={`payment.items.${i}.unitAmount`} label="単価（円）" required />
                </div>
                <QuantityFields path={`payment.items.${i}.quantity`} questions={questions} />
                <ConditionsEditor path={`payment.items.${i}.when`} questions={questions} title="この項目を加える条件（任意）" />
              </li>
            ))}
          </ol>
          <div>
            <Button size="sm" variant="secondary" onClick={() => items.append({ label: { ja: "", "ja-easy": "", en: "" }, unitAmount: 300, quantity: { kind: "fixed", value: 1 }, when: [] })}>
              手数料の項目を追加
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
