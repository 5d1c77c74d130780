"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { InputField } from "@/components/ui/field";
import { loginSchema, type LoginInput } from "@/lib/auth/validations";

export function LoginForm({
  callbackUrl,
  initialError,
  sso,
}: {
  callbackUrl: string;
  initialError: string | null;
  sso: { name: string } | null;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError);
  const form = useForm<LoginInput>({ resolver: zodResolver(loginSchema), defaultValues: { loginId: "", password: "" } });
  const submit = form.handleSubmit(async (values) => {
    setError(null);
    const result = await signIn("credentials", { ...values, redirect: false });
    if (!result || result.error) {
      setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "ログインできませんでした。");
      form.setValue("password", "");
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <div className="mt-8 flex flex-col gap-6">
      {error ? <Alert tone="error" title={error} /> : null}
      <form method="post" onSubmit={submit} noValidate className="flex flex-col gap-5">
        <InputField
          label="ログインID（メールアドレス）"
          type="email"
          autoComplete="username"
          required
          error={errors.loginId?.message}
          {...form.register("loginId")}
        />
        <InputField
          label="パスワード"
          type="password"
          autoComplete="current-password"
          required
          error={errors.password?.message}
          {...form.register("password")}
        />
        <Button type="submit" size="lg" disabled={isSubmitting}>
          {isSubmitting ? "確認しています…" : "ログイン"}
        </Button>
      </form>
      {sso ? (
        <div className="border-t border-solid-gray-200 pt-6">
          <Button variant="secondary" size="lg" className="w-full" onClick={() => signIn("sso", { callbackUrl })}>
            {sso.name}でログイン
          </Button>
        </div>
      ) : null}
      <p className="text-std-16N-170 text-solid-gray-700">
        パスワードを忘れた場合やロックされた場合は、所属部署の管理者に再設定を依頼してください。
      </p>
    </div>
  );
}
