import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireStaffPage } from "@/lib/auth/session";
import { ChangePasswordForm } from "./change-password-form";

export const metadata: Metadata = { title: "パスワード変更" };

export default async function ChangePasswordPage() {
  const actor = await requireStaffPage("account.change_password");
  return (
    <>
      <PageHeader
        title="パスワード変更"
        description={
          actor.mustChangePassword
            ? "仮パスワードでログインしています。業務を始める前に、ご自身で決めたパスワードに変更してください。"
            : "ご自身のログイン用パスワードを変更します。"
        }
      />
      <ChangePasswordForm loginId={actor.loginId} mustChange={actor.mustChangePassword} />
    </>
  );
}
