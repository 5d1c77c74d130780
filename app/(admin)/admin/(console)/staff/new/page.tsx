import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { ROLES } from "@/db/schema/staff";
import { departmentsFor, isSystemAdmin, ROLE_LABELS } from "@/lib/auth/permissions";
import { requireStaffPage } from "@/lib/auth/session";
import { getDepartments } from "@/lib/departments/queries";
import { CreateStaffForm } from "./create-staff-form";

export const metadata: Metadata = { title: "職員を追加" };

export default async function NewStaffPage() {
  const actor = await requireStaffPage("staff.create");
  const allowed = departmentsFor(actor, "staff.create");
  const departments = (await getDepartments(await getDb())).filter((d) => allowed === "all" || allowed.includes(d.id));
  // Only a system admin may hand out system_admin; the operation refuses it too.
  const roles = ROLES.filter((role) => role !== "system_admin" || isSystemAdmin(actor));
  return (
    <>
      <PageHeader
        title="職員を追加"
        description="ログインIDと所属を決めてアカウントを作ります。仮パスワードは作成後に一度だけ表示されます。"
        actions={<Link href="/admin/staff">職員アカウント一覧へ戻る</Link>}
      />
      <CreateStaffForm
        departmentOptions={departments.map((d) => ({ value: d.id, label: d.name }))}
        roleOptions={roles.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
      />
    </>
  );
}
