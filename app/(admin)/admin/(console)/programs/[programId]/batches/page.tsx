import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/admin/format";
import { BatchCreateForm } from "@/components/programs/batch-create-form";
import { Badge } from "@/components/ui/badge";
import { getDb } from "@/db";
import { countGrantable, listBatches } from "@/lib/grants/batch-queries";
import { loadProgramPage } from "../../load-program";
import { ProgramHeader } from "../../program-header";
import { BATCH_STATUS_LABELS, BATCH_STATUS_TONES } from "./labels";

export const metadata: Metadata = { title: "給付バッチ" };

export default async function BatchesPage({ params }: { params: Promise<{ programId: string }> }) {
  const { programId } = await params;
  const { program, department, can } = await loadProgramPage(programId, "grant.batch");
  const db = await getDb();
  // Totals and counts only; the personal data is in the file, whose download is audited.
  const [batches, waiting] = await Promise.all([listBatches(db, { programId: program.id }), countGrantable(db, { programId: program.id })]);
  const n = (v: number | null) => (v ?? 0).toLocaleString("ja-JP");
  return (
    <>
      <ProgramHeader program={program} departmentName={department.name} current="batches" can={can} title="給付バッチ" />
      <section aria-labelledby="batch-new" className="mb-6 rounded-8 border border-solid-gray-200 bg-white p-5">
        <h2 id="batch-new" className="mb-2 text-std-20B-150">
          新しいバッチ
        </h2>
        <p className="mb-4 text-std-16N-170" data-testid="grantable">
          給付を待っている承認済みの申請: <strong>{n(waiting.count)}件</strong>（{n(waiting.points)}ポイント）
        </p>
        <BatchCreateForm programId={program.id} waiting={waiting.count} />
      </section>
      {batches.length === 0 ? (
        <p className="rounded-8 border border-solid-gray-200 bg-white p-6 text-std-16N-170">まだバッチはありません。</p>
      ) : (
        <div className="relative overflow-x-auto rounded-8 border border-solid-gray-200 bg-white">
          <table className="w-full border-collapse text-left text-std-16N-170">
            <caption className="sr-only">給付バッチの一覧（管理合計つき）</caption>
            <thead className="bg-solid-gray-50">
              <tr>
                {["バッチ番号", "状態", "件数", "ポイント合計", "付与", "失敗", "作成", "出力", "結果取込"].map((h) => (
                  <th key={h} scope="col" className="border-b border-solid-gray-200 px-4 py-3 text-std-16B-170">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => (
                <tr key={b.id} className="border-b border-solid-gray-100 last:border-b-0">
                  <td className="px-4 py-3">
                    <Link href={`/admin/programs/${program.id}/batches/${b.id}`} className="font-mono text-std-16B-170">
                      {b.batchNumber}
                    </Link>
                  </td>
                  <td className="px-4 py-3">
                    <Badge tone={BATCH_STATUS_TONES[b.status]}>{BATCH_STATUS_LABELS[b.status]}</Badge>
                  </td>
                  <td className="px-4 py-3 text-right">{n(b.itemCount)}</td>
                  <td className="px-4 py-3 text-right">{n(b.totalPoints)}</td>
                  <td className="px-4 py-3 text-right">{b.grantedCount == null ? "—" : n(b.grantedCount)}</td>
                  <td className="px-4 py-3 text-right">{b.failedCount == null ? "—" : n(b.failedCount)}</td>
                  <td className="px-4 py-3">{formatDateTime(b.createdAt)}</td>
                  <td className="px-4 py-3">{formatDateTime(b.exportedAt)}</td>
                  <td className="px-4 py-3">{formatDateTime(b.completedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
