"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormProvider, useFieldArray, type FieldValues } from "react-hook-form";
import type { z } from "zod";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { FormDefinitionInput } from "@/lib/forms/definition";
import { definitionFieldErrors, describeFieldPath, editorDefinitionSchema, flattenFieldErrors, newQuestion, nextId } from "@/lib/forms/editor";
import { saveFormDraftAction } from "@/lib/forms/staff-actions";
import { FeeSection } from "./fee-section";
import { PageCard } from "./page-card";
import { SettingsSection } from "./settings-section";

/** The editor's values are the definition itself; the schema normalises inputs, then is formDefinitionSchema. */
const schema = editorDefinitionSchema as unknown as z.ZodType<FieldValues, FieldValues>;

export function FormEditor({ formId, definition }: { formId: string; definition: FormDefinitionInput }) {
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const { form, submit, formError } = useActionForm({
    schema,
    action: async (values) => {
      setSaved(false);
      const result = await saveFormDraftAction({ formId, definition: values });
      return result.ok ? result : { ...result, fieldErrors: definitionFieldErrors(result.fieldErrors) };
    },
    defaultValues: definition as FieldValues,
    onSuccess: () => {
      setSaved(true);
      router.refresh();
    },
  });
  const pages = useFieldArray({ control: form.control, name: "pages", keyName: "key" });
  const { errors, isSubmitting } = form.formState;
  const problems = flattenFieldErrors(errors);
  return (
    <FormProvider {...form}>
      <form onSubmit={submit} noValidate className="flex flex-col gap-6">
        {formError || problems.length > 0 ? (
          <Alert tone="error" title={formError ?? "入力内容に誤りがあります。赤字の項目を確認してください。"}>
            <ul className="list-disc pl-6">
              {problems.map((p) => (
                <li key={`${p.path.join(".")}:${p.message}`}>
                  {describeFieldPath(p.path, form.getValues() as FormDefinitionInput)}: {p.message}
                </li>
              ))}
            </ul>
          </Alert>
        ) : null}
        {saved ? (
          <p role="status" className="rounded-8 border-2 border-success-2 bg-green-50 p-3 text-std-16B-170">
            下書きを保存しました。公開するまで住民には届きません。
          </p>
        ) : null}
        <SettingsSection />
        <FeeSection />
        <section aria-labelledby="pages-heading" className="flex flex-col gap-4">
          <h2 id="pages-heading" className="text-std-20B-150">ページと質問</h2>
          {pages.fields.map((field, index) => (
            <PageCard key={field.key} index={index} count={pages.fields.length} onMove={pages.move} onRemove={() => pages.remove(index)} />
          ))}
          <div>
            <Button
              variant="secondary"
              onClick={() => {
                const current = (form.getValues("pages") ?? []) as FormDefinitionInput["pages"];
                const questionIds = current.flatMap((p) => (p.questions ?? []).map((q) => q.id));
                pages.append({ id: nextId("page", current.map((p) => p.id)), title: { ja: "", "ja-easy": "", en: "" }, questions: [newQuestion("short_text", { id: nextId("question", questionIds) })], routes: [] });
              }}
            >
              ページを追加
            </Button>
          </div>
        </section>
        <div className="sticky bottom-0 flex flex-wrap gap-3 border-t border-solid-gray-200 bg-white py-4">
          <Button type="submit" size="lg" disabled={isSubmitting}>
            {isSubmitting ? "保存しています…" : "下書きを保存"}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
