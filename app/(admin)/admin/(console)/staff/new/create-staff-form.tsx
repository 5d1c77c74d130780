"use client";

import Link from "next/link";
import { useState } from "react";
import { OneTimeSecret } from "@/components/admin/one-time-secret";
import { FormErrorSummary } from "@/components/admin/form-error-summary";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { InputField, SelectField } from "@/components/ui/field";
import { createStaffSchema } from "@/lib/staff/validations";
import { createStaffAction } from "../actions";

type Option = { value: string; label: string };
type Created = { staffId: string; temporaryPassword: string; displayName: string };

export function CreateStaffForm({ departmentOptions, roleOptions }: { departmentOptions: Option[]; roleOptions: Option[] }) {
  const [created, setCreated] = useState<Created | null>(null);
  const { form, submit, formError } = useActionForm({
    schema: createStaffSchema,
    action: createStaffAction,
    // Empty selects show their placeholder; the schema rejects them on submit.
    defaultValues: {
      loginId: "",
      displayName: "",
      departmentId: departmentOptions.length === 1 ? departmentOptions[0]!.value : "",
      role: "",
    } as never,
    onSuccess: (data) => setCreated({ ...data, displayName: form.getValues("displayName") }),
  });
  const { errors, isSubmitting } = form.formState;

  if (created) {
    return (
      <div className="flex max-w-2xl flex-col gap-6">
        <Alert tone="success" title={`${created.displayName}さんのアカウントを作成しました`} />
        <OneTimeSecret title="仮パスワード" secret={created.temporaryPassword} forWhom={`${created.displayName}さん`} />
        <div className="flex flex-wrap gap-3">
          <Link href={`/admin/staff/${created.staffId}`} className={buttonClasses({ variant: "secondary" })}>
            この職員の詳細へ
          </Link>
          <Button
            variant="ghost"
            onClick={() => {
              form.reset();
              setCreated(null);
            }}
          >
            続けて別の職員を追加
          </Button>
        </div>
      </div>
    );
  }

  return (
    <form onSubmit={submit} noValidate className="flex max-w-2xl flex-col gap-5">
      <FormErrorSummary formError={formError} errors={errors} />
      <InputField
        label="ログインID（メールアドレス）"
        type="email"
        autoComplete="off"
        required
        hint="庁内のメールアドレスを使います。シングルサインオンでもこのアドレスで照合します。"
        error={errors.loginId?.message}
        {...form.register("loginId")}
      />
      <InputField label="氏名" required autoComplete="off" error={errors.displayName?.message} {...form.register("displayName")} />
      <SelectField
        label="所属部署"
        required
        placeholder="選んでください"
        options={departmentOptions}
        hint="作成できるのは、あなたが管理している部署だけです。"
        error={errors.departmentId?.message}
        {...form.register("departmentId")}
      />
      <SelectField label="権限" required placeholder="選んでください" options={roleOptions} error={errors.role?.message} {...form.register("role")} />
      <div>
        <Button type="submit" size="lg" disabled={isSubmitting}>
          {isSubmitting ? "作成しています…" : "アカウントを作成"}
        </Button>
      </div>
    </form>
  );
}
