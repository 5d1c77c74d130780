import Link from "next/link";
import { AdminNav } from "@/components/admin/admin-nav";
import { SignOutButton } from "@/components/admin/sign-out-button";
import { Alert } from "@/components/ui/alert";
import { getDb } from "@/db";
import { navigationFor } from "@/lib/auth/navigation";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { requireSignedInStaff } from "@/lib/auth/session";
import { getDepartmentsByIds } from "@/lib/departments/queries";

// Convenience only: every page and action checks permissions again through the guard.
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireSignedInStaff();
  const departments = await getDepartmentsByIds(await getDb(), {
    departmentIds: actor.memberships.map((m) => m.departmentId),
  });
  const nameOf = (id: string) => departments.find((d) => d.id === id)?.name ?? "（不明な部署）";
  return (
    <div className="min-h-screen bg-solid-gray-50">
      <a href="#main" className="sr-only-focusable bg-white px-4 py-2">
        本文へ移動
      </a>
      <header className="border-b border-solid-gray-200 bg-white">
        <div className="flex flex-wrap items-center justify-between gap-4 px-6 py-3">
          <Link href="/admin" className="text-std-20B-150 text-solid-gray-900 no-underline">
            Yakuba 管理画面
          </Link>
          <div className="flex items-center gap-4">
            <div className="text-right">
              <p className="text-std-16B-170" data-testid="current-staff">
                {actor.displayName}
              </p>
              <p className="text-std-16N-170 text-solid-gray-700">
                {actor.memberships.map((m) => `${nameOf(m.departmentId)}・${ROLE_LABELS[m.role]}`).join(" / ")}
              </p>
            </div>
            <SignOutButton />
          </div>
        </div>
      </header>
      {/* Side navigation from a tablet up; on a phone it sits above the page so the page keeps the full width. */}
      <div className="flex flex-col md:flex-row">
        <aside className="w-full shrink-0 border-b border-solid-gray-200 bg-white px-3 py-3 md:w-60 md:border-b-0 md:border-r md:py-6">
          <AdminNav items={navigationFor(actor)} />
        </aside>
        <main id="main" className="min-w-0 flex-1 px-4 py-6 md:px-8 md:py-8">
          {actor.mustChangePassword ? (
            <div className="mb-6">
              <Alert tone="warning" title="仮パスワードでログインしています">
                <Link href="/admin/account/password">パスワード変更</Link>から、ご自身で決めたパスワードに変更してください。
              </Alert>
            </div>
          ) : null}
          {children}
        </main>
      </div>
    </div>
  );
}
