import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { formatDateTime } from "@/components/admin/format";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { getDb } from "@/db";
import { getConfig } from "@/lib/config/env";
import { FILING_STATUS_LABELS } from "@/lib/filings/rules";
import { BATCH_ITEMS_PAGE_SIZE, getBatchById, listBatchItemsPage, listFailedItems } from "@/lib/grants/batch-queries";
import { BatchDownloadLink } from "@/components/programs/batch-download-link";
import { points as pointsLabel } from "@/components/filings/labels";
import { shiftJisExportProblem } from "@/lib/grants/export-check";
import { vendorMapping } from "@/lib/grants/result-import";
import { loadProgramPage } from "../../../load-program";
import { ProgramHeader } from "../../../program-header";
import { BATCH_STATUS_LABELS, BATCH_STATUS_TONES } from "../labels";
import { BatchResultForm } from "@/components/programs/batch-result-form";

export const metadata: Metadata = { title: "給付バッチ" };

const ITEM_RESULT_LABELS = { pending: "結果待ち", granted: "付与済み", failed: "失敗" } as const;

export default async function BatchPage({
  params,
  searchParams,
}: {
  params: Promise<{ programId: string; batchId: string }>;
  searchParams: Promise<{ page?: string }>;
}) {
  const { programId, batchId } = await params;
  const page = Math.max(1, Math.min(100_000, Number.parseInt((await searchParams).page ?? "1", 10) || 1));
  const { program, department, can } = await loadProgramPage(programId, "grant.batch");
  if (!z.uuid().safeParse(batchId).success) notFound();
  const db = await getDb();
  const batch = await getBatchById(db, { batchId });
  if (!batch || batch.programId !== program.id) notFound();
  const [failed, items] = await Promise.all([
    batch.status === "completed" && batch.failedCount ? listFailedItems(db, { batchId }) : [],
    listBatchItemsPage(db, { batchId, page }),
  ]);
  const pages = Math.max(1, Math.ceil(batch.itemCount / BATCH_ITEMS_PAGE_SIZE));
  const mapping = vendorMapping();
  // Told here, before the click: a refused download (409) shows in the browser only as a failed download.
  const exportProblem =
    batch.status === "completed" ? null : await shiftJisExportProblem(db, { batchId: batch.id, batchNumber: batch.batchNumber, mapping });
  const base = `/api/admin/programs/${program.id}/batches/${batch.id}`;
  const n = (v: number | null) => (v ?? 0).toLocaleString("ja-JP");

  return (
    <>
      <ProgramHeader program={program} departmentName={department.name} current="batches" can={can} title={`給付バッチ ${batch.batchNumber}`} />
      <p className="mb-4">
        <Link href={`/admin/programs/${program.id}/batches`}>← バッチの一覧へ戻る</Link>
      </p>
      <div className="grid gap-6 xl:grid-cols-2">
        <section aria-labelledby="batch-totals" className="rounded-8 border border-solid-gray-200 bg-white p-5">
          <h2 id="batch-totals" className="mb-3 flex items-center gap-3 text-std-20B-150">
            管理合計 <Badge tone={BATCH_STATUS_TONES[batch.status]}>{BATCH_STATUS_LABELS[batch.status]}</Badge>
          </h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-std-16N-170">
            <dt className="text-std-16B-170">件数</dt>
            <dd data-testid="batch-count">{n(batch.itemCount)}件</dd>
            <dt className="text-std-16B-170">ポイント合計</dt>
            <dd data-testid="batch-points">{n(batch.totalPoints)}ポイント</dd>
            <dt className="text-std-16B-170">作成</dt>
            <dd>{formatDateTime(batch.createdAt)}</dd>
            <dt className="text-std-16B-170">出力</dt>
            <dd>{formatDateTime(batch.exportedAt, "未出力")}</dd>
            <dt className="text-std-16B-170">結果取込</dt>
            <dd data-testid="batch-outcome">
              {batch.completedAt
                ? `${formatDateTime(batch.completedAt)}（付与 ${n(batch.grantedCount)}件・失敗 ${n(batch.failedCount)}件${batch.failedCount ? `、${n(batch.failedCount)}件を審査待ちに戻しました` : ""}）`
                : "未取込"}
            </dd>
          </dl>
        </section>
        <section aria-labelledby="batch-file" className="rounded-8 border border-solid-gray-200 bg-white p-5">
          <h2 id="batch-file" className="mb-3 text-std-20B-150">
            1. {getConfig().EMONEY_NAME}へ渡すファイル
          </h2>
          <p className="mb-4 text-std-16N-170">
            CSV（{mapping.encoding === "shift_jis" ? "Shift_JIS" : "UTF-8"}）・列: {mapping.columns.map((c) => c.label).join("、")}。最終行に件数とポイント合計が入ります。
            ダウンロードが終わると「出力済み」になります。出力は監査ログに記録されます。
          </p>
          {exportProblem ? (
            <div className="mb-4" data-testid="batch-export-problem">
              <Alert tone="error" title="このままではファイルを出力できません">
                {exportProblem}
              </Alert>
            </div>
          ) : null}
          <BatchDownloadLink href={`${base}/file`} status={batch.status} />
          {getConfig().USE_SIMULATORS && batch.status === "exported" ? (
            <form method="get" action={`${base}/simulated-result`} className="mt-6 flex flex-wrap items-end gap-3 rounded-8 border border-dashed border-solid-gray-420 p-4">
              <p className="w-full text-std-16N-170">開発用: 電子マネーのシミュレーターが、出力したファイルに対する結果ファイルを作ります。</p>
              <label className="flex flex-col gap-1 text-std-16B-170">
                失敗させる割合
                <select name="failureRate" className="rounded-8 border border-solid-gray-600 bg-white px-3 py-2 text-std-16N-170">
                  <option value="0">0%（すべて付与）</option>
                  <option value="0.1">10%</option>
                  <option value="0.3">30%</option>
                </select>
              </label>
              <button type="submit" className={buttonClasses({ variant: "secondary" })}>
                シミュレーターで結果を作成
              </button>
            </form>
          ) : null}
        </section>
        <section aria-labelledby="batch-result" className="rounded-8 border border-solid-gray-200 bg-white p-5 xl:col-span-2">
          <h2 id="batch-result" className="mb-3 text-std-20B-150">
            2. 結果ファイルの取込
          </h2>
          {batch.status === "open" ? (
            <p className="text-std-16N-170">先にバッチファイルをダウンロードしてください。</p>
          ) : (
            <BatchResultForm batchId={batch.id} completed={batch.status === "completed"} emoneyName={getConfig().EMONEY_NAME} />
          )}
          {failed.length > 0 ? (
            <>
              <h3 className="mb-2 mt-6 text-std-18B-160">付与できなかった申請（{n(failed.length)}件）</h3>
              <p className="mb-2 text-std-16N-170">
                理由をつけて審査待ちに戻しました。次のバッチには入りません。確認して承認し直すと、次のバッチに入ります。
              </p>
              <ul className="text-std-16N-170">
                {failed.map((f) => (
                  <li key={f.filingId}>
                    <Link href={`/admin/programs/${program.id}/filings/${f.filingId}`} className="font-mono">
                      {f.receiptNumber}
                    </Link>
                    ：{f.failureReason}（現在: {FILING_STATUS_LABELS[f.status]}）
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
        <section aria-labelledby="batch-items" className="rounded-8 border border-solid-gray-200 bg-white p-5 xl:col-span-2">
          <h2 id="batch-items" className="mb-3 text-std-20B-150">
            このバッチの申請（{n(batch.itemCount)}件）
          </h2>
          <div className="relative overflow-x-auto">
            <table className="w-full border-collapse text-left text-std-16N-170">
              <caption className="sr-only">このバッチの申請（受付番号順、{page}ページ目）</caption>
              <thead>
                <tr className="border-b border-solid-gray-200">
                  {["受付番号", "世帯番号", "ポイント", "付与結果", "申請の状態"].map((h) => (
                    <th key={h} scope="col" className="py-2 pr-4 text-std-16B-170">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.filingId} className="border-b border-solid-gray-100">
                    <td className="py-2 pr-4">
                      <Link href={`/admin/programs/${program.id}/filings/${item.filingId}`} className="font-mono">
                        {item.receiptNumber}
                      </Link>
                    </td>
                    <td className="py-2 pr-4">{item.householdCode}</td>
                    <td className="whitespace-nowrap py-2 pr-4 text-right">{pointsLabel(item.points)}</td>
                    <td className="py-2 pr-4">
                      {ITEM_RESULT_LABELS[item.result]}
                      {item.failureReason ? `（${item.failureReason}）` : ""}
                    </td>
                    <td className="py-2">{FILING_STATUS_LABELS[item.status]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pages > 1 ? (
            <nav aria-label="このバッチの申請のページ" className="mt-4 flex flex-wrap items-center gap-4 text-std-16N-170">
              {page > 1 ? <Link href={`?page=${page - 1}`}>← 前へ</Link> : null}
              <span>
                {page} / {pages}ページ
              </span>
              {page < pages ? <Link href={`?page=${page + 1}`}>次へ →</Link> : null}
            </nav>
          ) : null}
        </section>
      </div>
    </>
  );
}
