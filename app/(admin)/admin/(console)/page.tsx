import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { navigationFor } from "@/lib/auth/navigation";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { requireStaffPage } from "@/lib/auth/session";

export const metadata: Metadata = { title: "ホーム" };

export default async function AdminHome() {
  const actor = await requireStaffPage();
  const items = navigationFor(actor).filter((item) => item.href !== "/admin");
  return (
    <>
      <PageHeader title={`${actor.displayName}さん、おつかれさまです`} description="担当の業務を選んでください。" />
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {items.map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              className="block rounded-12 border border-solid-gray-200 bg-white p-5 no-underline shadow-1 hover:border-blue-900"
            >
              <span className="text-std-20B-150 text-blue-1000">{item.label}</span>
              {item.action ? (
                <span className="mt-1 block text-std-16N-170 text-solid-gray-700">{PERMISSIONS[item.action].label}</span>
              ) : null}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
