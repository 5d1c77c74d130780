import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { RefusedRequest } from "@/components/admin/refused-request";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { ROLES } from "@/db/schema/staff";
import { canUseSomewhere, departmentsFor, isSystemAdmin, ROLE_LABELS } from "@/lib/auth/permissions";
import { requireStaffPage, runAsCurrentStaff } from "@/lib/auth/session";
import { getDepartments } from "@/lib/departments/queries";
import { listStaff } from "@/lib/staff/operations";
import { StaffTable } from "./staff-table";

export const metadata: Metadata = { title: "職員アカウント" };

export default async function StaffListPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffPage("staff.list");
  const params = await searchParams;
  // Audited: the list shows staff names and login ids.
  const result = await runAsCurrentStaff(listStaff, params);
  if (!result.ok) {
    if (result.status === 403) forbidden();
    if (result.status !== 400) throw new Error(result.error);
    return (
      <>
        <PageHeader title="職員アカウント" />
        <RefusedRequest failure={result} resetHref="/admin/staff" />
      </>
    );
  }
  const { rows, total, params: applied } = result.data;
  const allDepartments = await getDepartments(await getDb(), { includeInactive: true });
  const visible = departmentsFor(actor, "staff.list");
  const filterDepartments = allDepartments.filter((d) => visible === "all" || visible.includes(d.id));

  return (
    <>
      <PageHeader
        title="職員アカウント"
        description={
          isSystemAdmin(actor)
            ? "すべての部署の職員アカウントです。"
            : "管理している部署に所属する職員アカウントです。"
        }
        actions={
          canUseSomewhere(actor, "staff.create") ? (
            <Link href="/admin/staff/new" className={buttonClasses()}>
              職員を追加
            </Link>
          ) : null
        }
      />
      <StaffTable
        rows={rows}
        total={total}
        params={applied}
        departmentNames={Object.fromEntries(allDepartments.map((d) => [d.id, d.name]))}
        departmentOptions={filterDepartments.map((d) => ({ value: d.id, label: d.active ? d.name : `${d.name}（停止中）` }))}
        roleOptions={ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
      />
    </>
  );
}
