import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { ProgramForm } from "@/components/programs/program-form";
import { getDb } from "@/db";
import { departmentsFor } from "@/lib/auth/permissions";
import { requireStaffPage } from "@/lib/auth/session";
import { getDepartments } from "@/lib/departments/queries";
import { createProgramAction } from "@/lib/programs/actions";

export const metadata: Metadata = { title: "給付事業の作成" };

export default async function NewProgramPage() {
  const actor = await requireStaffPage("program.manage");
  const allowed = departmentsFor(actor, "program.manage");
  const departments = (await getDepartments(await getDb())).filter((d) => allowed === "all" || allowed.includes(d.id));
  return (
    <>
      <PageHeader title="給付事業の作成" description="作成後に対象世帯の名簿を取り込み、受付を開始します。" />
      <ProgramForm departmentOptions={departments.map((d) => ({ value: d.id, label: d.name }))} action={createProgramAction} />
    </>
  );
}
