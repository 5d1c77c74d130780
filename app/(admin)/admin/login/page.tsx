import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getConfig } from "@/lib/config/env";
import { getCurrentStaff } from "@/lib/auth/session";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "職員ログイン" };

const SSO_ERRORS: Record<string, string> = {
  sso_unknown: "シングルサインオンのアカウントに対応する有効な職員アカウントがありません。システム管理者に連絡してください。",
  OAuthCallback: "シングルサインオンに失敗しました。もう一度お試しください。",
  OAuthSignin: "シングルサインオンを開始できませんでした。もう一度お試しください。",
  AccessDenied: "このアカウントではログインできません。",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ error?: string; callbackUrl?: string }> }) {
  if (await getCurrentStaff()) redirect("/admin");
  const { error, callbackUrl } = await searchParams;
  const sso = getConfig().sso;
  // Only same-site paths: an open redirect after sign-in would be a phishing aid.
  const safeCallback = callbackUrl?.startsWith("/admin") ? callbackUrl : "/admin";
  return (
    <main className="mx-auto flex min-h-screen max-w-lg flex-col justify-center px-6 py-12">
      <p className="text-std-16B-170 text-blue-1000">Yakuba 管理画面</p>
      <h1 className="mt-1 text-std-32B-150">職員ログイン</h1>
      <LoginForm
        callbackUrl={safeCallback}
        initialError={error ? (SSO_ERRORS[error] ?? "ログインできませんでした。もう一度お試しください。") : null}
        sso={sso ? { name: sso.displayName } : null}
      />
    </main>
  );
}
