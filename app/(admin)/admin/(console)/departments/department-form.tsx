"use client";

import { useRouter } from "next/navigation";
import { FormErrorSummary } from "@/components/admin/form-error-summary";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { InputField, SelectField } from "@/components/ui/field";
import { SITES, type Department } from "@/db/schema/departments";
import { createDepartmentSchema, updateDepartmentSchema } from "@/lib/departments/validations";
import { createDepartmentAction, updateDepartmentAction } from "./actions";

const SITE_OPTIONS = SITES.map((site) => ({ value: site, label: site }));
const CODE_HINT = "半角英小文字・数字・ハイフンで2〜32文字（例: kosodate）。CSV出力や連携で使います。";

export function CreateDepartmentForm() {
  const router = useRouter();
  const { form, submit, formError } = useActionForm({
    schema: createDepartmentSchema,
    action: createDepartmentAction,
    defaultValues: { name: "", code: "", site: "本庁舎" },
    onSuccess: () => router.push("/admin/departments"),
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form onSubmit={submit} noValidate className="flex max-w-2xl flex-col gap-5">
      <FormErrorSummary formError={formError} errors={errors} />
      <InputField label="部署名" required error={errors.name?.message} {...form.register("name")} />
      <InputField label="部署コード" required hint={CODE_HINT} error={errors.code?.message} {...form.register("code")} />
      <SelectField label="拠点" required options={SITE_OPTIONS} error={errors.site?.message} {...form.register("site")} />
      <div>
        <Button type="submit" size="lg" disabled={isSubmitting}>
          {isSubmitting ? "作成しています…" : "部署を作成"}
        </Button>
      </div>
    </form>
  );
}

export function EditDepartmentForm({ department }: { department: Department }) {
  const router = useRouter();
  const { form, submit, formError } = useActionForm({
    schema: updateDepartmentSchema,
    action: updateDepartmentAction,
    defaultValues: {
      departmentId: department.id,
      name: department.name,
      code: department.code,
      site: department.site,
      active: department.active,
    },
    onSuccess: () => router.push("/admin/departments"),
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form onSubmit={submit} noValidate className="flex max-w-2xl flex-col gap-5">
      <FormErrorSummary formError={formError} errors={errors} />
      <InputField label="部署名" required error={errors.name?.message} {...form.register("name")} />
      <InputField label="部署コード" required hint={CODE_HINT} error={errors.code?.message} {...form.register("code")} />
      <SelectField label="拠点" required options={SITE_OPTIONS} error={errors.site?.message} {...form.register("site")} />
      <fieldset className="flex flex-col gap-1">
        <legend className="text-std-16B-170 text-solid-gray-800">状態</legend>
        <label className="flex min-h-12 items-center gap-3 text-std-16N-170">
          <input type="checkbox" className="size-6 accent-blue-900" {...form.register("active")} />
          利用中（外すと、この部署には新しく職員を所属させられなくなります）
        </label>
      </fieldset>
      <div>
        <Button type="submit" size="lg" disabled={isSubmitting}>
          {isSubmitting ? "保存しています…" : "保存"}
        </Button>
      </div>
    </form>
  );
}
