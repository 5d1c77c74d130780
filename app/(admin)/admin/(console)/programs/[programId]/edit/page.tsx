import type { Metadata } from "next";
import { ProgramForm } from "@/components/programs/program-form";
import { getDb } from "@/db";
import { departmentsFor } from "@/lib/auth/permissions";
import { getDepartments } from "@/lib/departments/queries";
import { updateProgramAction } from "@/lib/programs/actions";
import { loadProgramPage } from "../../load-program";
import { ProgramHeader } from "../../program-header";

export const metadata: Metadata = { title: "給付事業の設定" };

export default async function EditProgramPage({ params }: { params: Promise<{ programId: string }> }) {
  const { programId } = await params;
  const { actor, program, department, can } = await loadProgramPage(programId, "program.manage");
  const allowed = departmentsFor(actor, "program.manage");
  const departments = (await getDepartments(await getDb())).filter((d) => allowed === "all" || allowed.includes(d.id));
  return (
    <>
      <ProgramHeader program={program} departmentName={department.name} current="overview" can={can} title="事業の設定を変更" />
      <ProgramForm program={program} departmentOptions={departments.map((d) => ({ value: d.id, label: d.name }))} action={updateProgramAction} />
    </>
  );
}
