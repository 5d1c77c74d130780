import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { requireStaffPage } from "@/lib/auth/session";
import { getDepartmentById } from "@/lib/departments/queries";
import { isUuid } from "@/lib/departments/validations";
import { EditDepartmentForm } from "../../department-form";

export const metadata: Metadata = { title: "部署の編集" };

export default async function EditDepartmentPage({ params }: { params: Promise<{ departmentId: string }> }) {
  await requireStaffPage("department.update");
  const { departmentId } = await params;
  const department = isUuid(departmentId) ? await getDepartmentById(await getDb(), { departmentId }) : null;
  if (!department) notFound();
  return (
    <>
      <PageHeader title={`${department.name}の編集`} actions={<Link href="/admin/departments">部署一覧へ戻る</Link>} />
      <EditDepartmentForm department={department} />
    </>
  );
}
