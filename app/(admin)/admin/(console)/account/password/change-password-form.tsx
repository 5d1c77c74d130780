"use client";

import Link from "next/link";
import { useState } from "react";
import { FormErrorSummary } from "@/components/admin/form-error-summary";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { InputField } from "@/components/ui/field";
import { changeOwnPasswordSchema } from "@/lib/staff/validations";
import { changeOwnPasswordAction } from "../actions";

export function ChangePasswordForm({ loginId, mustChange }: { loginId: string; mustChange: boolean }) {
  const [changed, setChanged] = useState(false);
  const { form, submit, formError } = useActionForm({
    schema: changeOwnPasswordSchema,
    action: changeOwnPasswordAction,
    defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
    onSuccess: () => {
      form.reset();
      setChanged(true);
    },
  });
  const { errors, isSubmitting } = form.formState;

  if (changed) {
    return (
      <div className="flex max-w-2xl flex-col gap-4">
        <Alert tone="success" title="パスワードを変更しました">
          次回から新しいパスワードでログインしてください。
        </Alert>
        <p>
          <Link href="/admin">管理画面のホームへ</Link>
        </p>
      </div>
    );
  }

  return (
    <form onSubmit={submit} noValidate className="flex max-w-2xl flex-col gap-5">
      <FormErrorSummary formError={formError} errors={errors} />
      {/* Lets password managers file the new password under the right account. */}
      <input type="text" name="username" autoComplete="username" value={loginId} readOnly hidden />
      <InputField
        label={mustChange ? "現在のパスワード（仮パスワード）" : "現在のパスワード"}
        type="password"
        autoComplete="current-password"
        required
        error={errors.currentPassword?.message}
        {...form.register("currentPassword")}
      />
      <InputField
        label="新しいパスワード"
        type="password"
        autoComplete="new-password"
        required
        hint="12文字以上。ほかのサービスと同じものは使わないでください。"
        error={errors.newPassword?.message}
        {...form.register("newPassword")}
      />
      <InputField
        label="新しいパスワード（確認）"
        type="password"
        autoComplete="new-password"
        required
        error={errors.confirmPassword?.message}
        {...form.register("confirmPassword")}
      />
      <div>
        <Button type="submit" size="lg" disabled={isSubmitting}>
          {isSubmitting ? "変更しています…" : "パスワードを変更"}
        </Button>
      </div>
    </form>
  );
}
