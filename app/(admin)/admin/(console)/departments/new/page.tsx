import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { requireStaffPage } from "@/lib/auth/session";
import { CreateDepartmentForm } from "../department-form";

export const metadata: Metadata = { title: "部署を追加" };

export default async function NewDepartmentPage() {
  await requireStaffPage("department.create");
  return (
    <>
      <PageHeader title="部署を追加" actions={<Link href="/admin/departments">部署一覧へ戻る</Link>} />
      <CreateDepartmentForm />
    </>
  );
}
