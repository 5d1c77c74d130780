import type { Metadata } from "next";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/components/admin/format";
import { getDb } from "@/db";
import { canUseSomewhere, departmentsFor } from "@/lib/auth/permissions";
import { requireStaffPage } from "@/lib/auth/session";
import { listPrograms } from "@/lib/programs/queries";
import { PROGRAM_STATUS_LABELS } from "./program-header";

export const metadata: Metadata = { title: "給付事業" };

const STATUS_TONES = { draft: "neutral", open: "success", closed: "warning" } as const;

export default async function ProgramsPage() {
  const actor = await requireStaffPage("program.report");
  const rows = await listPrograms(await getDb(), { departmentIds: departmentsFor(actor, "program.report") });
  return (
    <>
      <PageHeader
        title="給付事業"
        description="担当課の給付事業です。名簿の取込、申請の審査、給付バッチ、集計は事業ごとに行います。"
        actions={
          canUseSomewhere(actor, "program.manage") ? (
            <Link href="/admin/programs/new" className={buttonClasses()}>
              事業を作成
            </Link>
          ) : null
        }
      />
      {rows.length === 0 ? (
        <p className="rounded-8 border border-solid-gray-200 bg-white p-6 text-std-16N-170">担当課の給付事業はまだありません。</p>
      ) : (
        <div className="overflow-x-auto rounded-8 border border-solid-gray-200 bg-white">
          <table className="w-full border-collapse text-left text-std-16N-170">
            <caption className="sr-only">給付事業の一覧</caption>
            <thead className="bg-solid-gray-50">
              <tr>
                {["事業", "担当課", "状態", "受付期間", "1人あたり", "対象世帯", "申請"].map((h) => (
                  <th key={h} scope="col" className="border-b border-solid-gray-200 px-4 py-3 text-std-16B-170">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map(({ program, departmentName, households, filings }) => (
                <tr key={program.id} className="border-b border-solid-gray-100 last:border-b-0">
                  <td className="px-4 py-3">
                    <Link href={`/admin/programs/${program.id}`} className="text-std-16B-170">
                      {program.name}
                    </Link>
                    <span className="block text-solid-gray-700">{program.code}</span>
                  </td>
                  <td className="px-4 py-3">{departmentName}</td>
                  <td className="px-4 py-3">
                    <Badge tone={STATUS_TONES[program.status]}>{PROGRAM_STATUS_LABELS[program.status]}</Badge>
                  </td>
                  <td className="px-4 py-3">
                    {formatDateTime(program.filingOpensAt)}
                    <span className="block">〜 {formatDateTime(program.filingClosesAt)}</span>
                  </td>
                  <td className="px-4 py-3 text-right">{program.pointsPerPerson.toLocaleString("ja-JP")}</td>
                  <td className="px-4 py-3 text-right">{households.toLocaleString("ja-JP")}</td>
                  <td className="px-4 py-3 text-right">{filings.toLocaleString("ja-JP")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
