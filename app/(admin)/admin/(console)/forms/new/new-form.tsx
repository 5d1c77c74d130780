"use client";

import { useRouter } from "next/navigation";
import { FormErrorSummary } from "@/components/admin/form-error-summary";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { InputField, SelectField } from "@/components/ui/field";
import { createFormAction } from "@/lib/forms/staff-actions";
import { newFormSchema } from "@/lib/forms/validations";

export function NewFormForm({ departmentOptions }: { departmentOptions: { value: string; label: string }[] }) {
  const router = useRouter();
  const { form, submit, formError } = useActionForm({
    schema: newFormSchema,
    action: (values) => createFormAction(values),
    defaultValues: { departmentId: departmentOptions.length === 1 ? departmentOptions[0]!.value : "", code: "", title: "" },
    onSuccess: (data) => router.push(`/admin/forms/${data.formId}/edit`),
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form onSubmit={submit} noValidate className="flex max-w-2xl flex-col gap-5">
      <FormErrorSummary formError={formError} errors={errors} />
      <SelectField label="担当課" required placeholder="選んでください" options={departmentOptions} error={errors.departmentId?.message} {...form.register("departmentId")} />
      <InputField label="様式コード" required hint="住民向けのリンクに使います。英小文字・数字・ハイフン（例: koseki-shomei）" error={errors.code?.message} {...form.register("code")} />
      <InputField label="様式名" required hint="例: 戸籍証明書の交付申請" error={errors.title?.message} {...form.register("title")} />
      <div>
        <Button type="submit" size="lg" disabled={isSubmitting}>
          {isSubmitting ? "作成しています…" : "作成して編集へ"}
        </Button>
      </div>
    </form>
  );
}
