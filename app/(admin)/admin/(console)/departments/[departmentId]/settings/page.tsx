import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { canInDepartment } from "@/lib/auth/permissions";
import { requireStaffPage } from "@/lib/auth/session";
import { getDepartmentById } from "@/lib/departments/queries";
import { isUuid } from "@/lib/departments/validations";
import { DepartmentSettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "窓口設定" };

export default async function DepartmentSettingsPage({ params }: { params: Promise<{ departmentId: string }> }) {
  const actor = await requireStaffPage("department.settings.update");
  const { departmentId } = await params;
  const department = isUuid(departmentId) ? await getDepartmentById(await getDb(), { departmentId }) : null;
  if (!department) notFound();
  // The save goes through the guard as well; this only spares a dept_admin a form they cannot submit.
  if (!canInDepartment(actor, "department.settings.update", department.id)) forbidden();
  return (
    <>
      <PageHeader
        title={`${department.name}の窓口設定`}
        description="住民向けの案内やLINEのメッセージに表示する連絡先と受付時間です。"
        actions={<Link href="/admin/departments">部署一覧へ戻る</Link>}
      />
      <DepartmentSettingsForm department={department} />
    </>
  );
}
