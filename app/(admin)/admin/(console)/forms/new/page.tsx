import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { departmentsFor } from "@/lib/auth/permissions";
import { requireStaffPage } from "@/lib/auth/session";
import { getDepartments } from "@/lib/departments/queries";
import { NewFormForm } from "./new-form";

export const metadata: Metadata = { title: "様式の作成" };

export default async function NewFormPage() {
  const actor = await requireStaffPage("form.manage");
  const allowed = departmentsFor(actor, "form.manage");
  const departments = (await getDepartments(await getDb())).filter((d) => allowed === "all" || allowed.includes(d.id));
  return (
    <>
      <PageHeader title="様式の作成" description="作成すると1ページの下書きができます。続けて編集画面でページと質問を作り、公開します。" />
      <NewFormForm departmentOptions={departments.map((d) => ({ value: d.id, label: d.name }))} />
    </>
  );
}
