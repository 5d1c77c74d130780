import type { Metadata } from "next";
import { CounterDesk } from "@/components/filings/counter-desk";
import { pickCounterProgram } from "@/components/filings/counter-program";
import { CounterProgramPicker } from "@/components/filings/counter-program-picker";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { departmentsFor } from "@/lib/auth/permissions";
import { requireStaffPage } from "@/lib/auth/session";
import { listPrograms } from "@/lib/programs/queries";

export const metadata: Metadata = { title: "窓口受付" };

export default async function CounterPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffPage("filing.file_counter");
  const params = await searchParams;
  const rows = await listPrograms(await getDb(), { departmentIds: departmentsFor(actor, "filing.file_counter") });
  const programs = rows.map((r) => r.program).filter((p) => p.status === "open" && p.acceptsCounter);
  const program = pickCounterProgram(programs, params.program);

  return (
    <>
      <PageHeader title="窓口受付" description="来庁された方の申請を入力します。世帯を探して選び、代表者と本人確認書類を選んで登録すると、受付票を印刷できます。差し戻し中の申請は、同じ手順で再提出できます。" />
      {programs.length === 0 ? (
        <Alert tone="info" title="窓口で受け付けている事業はありません。" />
      ) : (
        <div className="flex flex-col gap-6">
          {programs.length > 1 || !program ? (
            <CounterProgramPicker programs={programs.map((p) => ({ id: p.id, name: p.name }))} current={program?.id ?? null} />
          ) : (
            <p className="text-std-16N-170">
              受け付ける事業: <strong>{program.name}</strong>
            </p>
          )}
          {program ? <CounterDesk key={program.id} programId={program.id} programName={program.name} /> : null}
        </div>
      )}
    </>
  );
}
