import type { Metadata } from "next";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { canInDepartment, canUseSomewhere } from "@/lib/auth/permissions";
import { requireStaffPage } from "@/lib/auth/session";
import { DEPARTMENT_SORTS, getDepartments } from "@/lib/departments/queries";
import { DepartmentTable } from "./department-table";

export const metadata: Metadata = { title: "部署" };

export default async function DepartmentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffPage("department.list");
  const { sort: rawSort, dir: rawDir } = await searchParams;
  const sort = DEPARTMENT_SORTS.find((s) => s === rawSort) ?? "code";
  const dir = rawDir === "desc" ? "desc" : "asc";
  const canEdit = canUseSomewhere(actor, "department.update");
  // Department names, sites and counter hours are not personal data: no audit entry for reading them.
  const rows = await getDepartments(await getDb(), { includeInactive: true, sort, dir });
  return (
    <>
      <PageHeader
        title="部署"
        description="役場の部署と、窓口の連絡先・受付時間です。"
        actions={
          canUseSomewhere(actor, "department.create") ? (
            <Link href="/admin/departments/new" className={buttonClasses()}>
              部署を追加
            </Link>
          ) : null
        }
      />
      <DepartmentTable
        rows={rows.map((d) => ({
          ...d,
          canEdit,
          canEditSettings: canInDepartment(actor, "department.settings.update", d.id),
        }))}
        sort={{ id: sort, dir }}
      />
    </>
  );
}
