"use client";

import { useFieldArray, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import type { FormDefinitionInput } from "@/lib/forms/definition";
import { newQuestion, nextId } from "@/lib/forms/editor";
import { ConditionsEditor, useQuestionChoices } from "./conditions-editor";
import { ArrayError, ItemControls, LocalizedFields, SelectInput, TextInput, useEditor } from "./editor-fields";
import { QuestionCard } from "./question-card";

type Props = { index: number; count: number; onMove: (from: number, to: number) => void; onRemove: () => void };

/** One page: its id and heading, its questions, and the routes that decide the page after it. */
export function PageCard({ index, count, onMove, onRemove }: Props) {
  const { control, getValues } = useEditor();
  const base = `pages.${index}`;
  const questions = useFieldArray({ control, name: `${base}.questions`, keyName: "key" });
  const pageName = `ページ${index + 1}`;
  return (
    <section aria-label={pageName} className="flex flex-col gap-4 rounded-12 border-2 border-solid-gray-420 bg-solid-gray-50 p-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h3 className="text-std-20B-150">{pageName}</h3>
        <ItemControls name={pageName} index={index} count={count} onMove={onMove} onRemove={onRemove} removeDisabled={count === 1} />
      </div>
      <div className="max-w-md">
        <TextInput path={`${base}.id`} label="ページID" hint="分岐の移動先に使います（英小文字・数字・_）" required />
      </div>
      <LocalizedFields path={`${base}.title`} label="ページの見出し（任意）" />
      <ArrayError path={`${base}.questions`} />
      {questions.fields.map((field, qi) => (
        <QuestionCard
          key={field.key}
          path={`${base}.questions.${qi}`}
          name={`${pageName}の質問${qi + 1}`}
          index={qi}
          count={questions.fields.length}
          onMove={questions.move}
          onRemove={() => questions.remove(qi)}
          onReplace={(value) => questions.update(qi, value)}
        />
      ))}
      <div>
        <Button
          variant="secondary"
          onClick={() => {
            const pages = (getValues("pages") ?? []) as FormDefinitionInput["pages"];
            const used = pages.flatMap((p) => (p.questions ?? []).map((q) => q.id));
            questions.append(newQuestion("short_text", { id: nextId("question", used) }));
          }}
        >
          {pageName}に質問を追加
        </Button>
      </div>
      <RoutesEditor base={base} pageName={pageName} />
    </section>
  );
}

/** Routes after a page: the first whose conditions all hold decides the next page; none holds → the next page. */
function RoutesEditor({ base, pageName }: { base: string; pageName: string }) {
  const { control } = useEditor();
  const routes = useFieldArray({ control, name: `${base}.routes`, keyName: "key" });
  const pages = (useWatch({ name: "pages" }) ?? []) as FormDefinitionInput["pages"];
  const questions = useQuestionChoices();
  const targets = [...pages.map((p, i) => ({ value: p.id, label: `ページ${i + 1}（${p.id}）` })), { value: "end", label: "終わり（確認画面へ）" }];
  return (
    <fieldset className="flex flex-col gap-3 rounded-8 border border-solid-gray-420 bg-white p-4">
      <legend className="px-1 text-std-16B-170">{pageName}のあとの分岐</legend>
      <p className="text-std-16N-170 text-solid-gray-700">上から順に、条件がすべて当てはまる最初の分岐の移動先へ進みます。どれにも当てはまらなければ次のページへ進みます。分岐は後ろのページへだけ進めます。</p>
      <ArrayError path={`${base}.routes`} />
      <ol className="flex flex-col gap-3">
        {routes.fields.map((field, ri) => (
          <li key={field.key} aria-label={`${pageName}の分岐${ri + 1}`} className="flex flex-col gap-3 rounded-8 border border-solid-gray-200 p-3">
            <div className="flex flex-wrap items-center justify-between gap-3">
              <p className="text-std-16B-170">分岐{ri + 1}</p>
              <ItemControls name={`分岐${ri + 1}`} index={ri} count={routes.fields.length} onMove={routes.move} onRemove={() => routes.remove(ri)} />
            </div>
            <ConditionsEditor path={`${base}.routes.${ri}.when`} questions={questions} title="条件" />
            <div className="max-w-md">
              <SelectInput path={`${base}.routes.${ri}.goTo`} label="移動先" options={targets} />
            </div>
          </li>
        ))}
      </ol>
      <div>
        <Button size="sm" variant="secondary" onClick={() => routes.append({ when: [{ questionId: questions[0]?.id ?? "", op: "answered" }], goTo: "end" })}>
          分岐を追加
        </Button>
      </div>
    </fieldset>
  );
}
