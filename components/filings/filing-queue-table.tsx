"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { DataTable } from "@/components/admin/data-table";
import { DataTableFilters } from "@/components/admin/data-table-filters";
import { formatDateTime } from "@/components/admin/format";
import { SubmittedRangeFields } from "@/components/review/submitted-range-fields";
import { Badge } from "@/components/ui/badge";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { InputField, SelectField } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { FILING_STATUSES } from "@/db/schema/filings";
import { bulkApproveFilingsAction } from "@/lib/filings/actions";
import type { QueueRow } from "@/lib/filings/queries";
import { FILING_STATUS_LABELS } from "@/lib/filings/rules";
import { CHANNEL_LABELS, PARTIAL_ADDRESS_LABEL, STATUS_TONES, points } from "./labels";
import { ALL_STATUSES } from "./queue-params";

export type QueueFilters = { status?: string; channel?: string; duplicate?: string; from?: string; to?: string; q?: string; dir: "asc" | "desc"; limit: number };

// A card address that matched the roster only in part needs a reviewer's own look, like a suspected duplicate.
const bulkApprovable = (row: QueueRow) => row.status === "submitted" && !row.duplicateSuspected && row.addressMatch !== "partial";

export function FilingQueueTable({
  programId,
  rows,
  filters,
  nextCursor,
  previousCursor,
  onFirstPage,
  canDecide,
  filingQuery,
}: {
  /** The queue's filters, carried into each filing's page for 「次の申請へ」 and the way back. */
  filingQuery: string;
  programId: string;
  rows: QueueRow[];
  filters: QueueFilters;
  nextCursor: string | null;
  previousCursor: string | null;
  onFirstPage: boolean;
  canDecide: boolean;
}) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<{ approved: string; held: string | null; heldReceiptNumbers: string[] } | null>(null);
  const selectable = rows.filter(bulkApprovable);
  const allSelected = selectable.length > 0 && selectable.every((r) => selected.has(r.id));
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const columns: ColumnDef<QueueRow, unknown>[] = [
    ...(canDecide
      ? [
          {
            id: "select",
            header: () => (
              <input
                type="checkbox"
                aria-label="このページの一括承認できる申請をすべて選ぶ"
                checked={allSelected}
                disabled={selectable.length === 0}
                onChange={() => setSelected(allSelected ? new Set() : new Set(selectable.map((r) => r.id)))}
                className="size-5 accent-blue-900"
              />
            ),
            cell: ({ row }: { row: { original: QueueRow } }) =>
              bulkApprovable(row.original) ? (
                <input
                  type="checkbox"
                  aria-label={`${row.original.receiptNumber} を選ぶ`}
                  checked={selected.has(row.original.id)}
                  onChange={() => toggle(row.original.id)}
                  className="size-5 accent-blue-900"
                />
              ) : null,
            meta: { className: "w-12" },
          } satisfies ColumnDef<QueueRow, unknown>,
        ]
      : []),
    {
      id: "receiptNumber",
      header: "受付番号",
      cell: ({ row }) => (
        <Link href={`/admin/programs/${programId}/filings/${row.original.id}${filingQuery}`} className="whitespace-nowrap font-mono text-std-16B-170">
          {row.original.receiptNumber}
        </Link>
      ),
    },
    {
      id: "representative",
      header: "代表者",
      cell: ({ row }) => (
        <>
          {row.original.representativeName}
          <span className="block text-solid-gray-700">{row.original.representativeKana}</span>
        </>
      ),
    },
    { id: "address", header: "住所", cell: ({ row }) => <span className="block max-w-72">{row.original.address}</span> },
    { id: "channel", header: "方法", cell: ({ row }) => CHANNEL_LABELS[row.original.channel] },
    {
      id: "status",
      header: "状態",
      cell: ({ row }) => (
        <span className="flex flex-wrap gap-1">
          <Badge tone={STATUS_TONES[row.original.status]}>{FILING_STATUS_LABELS[row.original.status]}</Badge>
          {row.original.duplicateSuspected ? <Badge tone="warning">重複の疑い</Badge> : null}
          {row.original.addressMatch === "partial" ? <Badge tone="warning">{PARTIAL_ADDRESS_LABEL}</Badge> : null}
        </span>
      ),
    },
    { id: "points", header: "ポイント", cell: ({ row }) => points(row.original.points), meta: { className: "text-right whitespace-nowrap" } },
    {
      id: "submittedAt",
      header: "申請日時",
      enableSorting: true,
      meta: { firstSortDir: "desc" },
      cell: ({ row }) => formatDateTime(row.original.submittedAt),
    },
  ];

  const chosen = [...selected].filter((id) => rows.some((r) => r.id === id && bulkApprovable(r)));

  return (
    <div className="flex flex-col gap-4">
      {notice ? (
        <div className="flex flex-col gap-3">
          <Alert tone="success" title={notice.approved} />
          {notice.held ? (
            <Alert tone="warning" title={notice.held}>
              <p>受付番号: {notice.heldReceiptNumbers.join("、")}</p>
              <p>
                <Link href={`/admin/programs/${programId}/duplicates`}>「重複の確認」画面を開く</Link>
              </p>
            </Alert>
          ) : null}
        </div>
      ) : null}
      {!onFirstPage ? (
        <p>
          <Link href={`/admin/programs/${programId}/filings`} onClick={(event) => {
            // Keep the filters; only the position goes back to the first page.
            event.preventDefault();
            const next = new URLSearchParams(window.location.search);
            next.delete("cursor");
            router.push(`?${next.toString()}`);
          }}>
            ← 最初のページへ戻る
          </Link>
        </p>
      ) : null}
      <DataTable
        caption="申請の一覧"
        columns={columns}
        rows={rows}
        getRowId={(row) => row.id}
        sort={{ id: "submittedAt", dir: filters.dir }}
        pagination={{ mode: "cursor", pageSize: filters.limit, nextCursor, previousCursor }}
        pageSizeOptions={[50, 100, 200]}
        emptyMessage="条件に合う申請はありません。"
        toolbar={
          <>
            <DataTableFilters names={["q", "status", "channel", "duplicate", "from", "to"]} label="申請の絞り込み">
              <div className="w-80">
                <InputField label="受付番号・世帯番号・氏名・カナ・住所" name="q" type="search" defaultValue={filters.q ?? ""} />
              </div>
              <div className="w-56">
                <SelectField
                  label="状態"
                  name="status"
                  defaultValue={filters.status ?? ""}
                  options={[{ value: ALL_STATUSES, label: "すべて" }, ...FILING_STATUSES.map((s) => ({ value: s, label: FILING_STATUS_LABELS[s] }))]}
                />
              </div>
              <div className="w-36">
                <SelectField
                  label="方法"
                  name="channel"
                  defaultValue={filters.channel ?? ""}
                  placeholder="すべて"
                  options={Object.entries(CHANNEL_LABELS).map(([value, label]) => ({ value, label }))}
                />
              </div>
              <div className="w-44">
                <SelectField
                  label="重複の疑い"
                  name="duplicate"
                  defaultValue={filters.duplicate ?? ""}
                  placeholder="すべて"
                  options={[
                    { value: "yes", label: "疑いあり" },
                    { value: "no", label: "疑いなし" },
                  ]}
                />
              </div>
              <SubmittedRangeFields from={filters.from} to={filters.to} />
            </DataTableFilters>
            {canDecide ? (
              <div className="flex flex-wrap items-center gap-3 rounded-8 border border-solid-gray-200 bg-white p-4">
                <p className="text-std-16N-170" aria-live="polite">
                  {chosen.length}件を選択中（重複の疑いがない「受付済み（審査待ち）」の申請だけ選べます）
                </p>
                <ConfirmDialog
                  triggerLabel="選んだ申請を一括承認"
                  triggerVariant="primary"
                  triggerDisabled={chosen.length === 0}
                  title={`${chosen.length}件の申請を承認しますか？`}
                  confirmLabel="承認する"
                  onConfirm={async () => {
                    const result = await bulkApproveFilingsAction({ programId, filingIds: chosen });
                    if (!result.ok) return result.error;
                    setSelected(new Set());
                    setNotice({
                      approved:
                        result.data.approved > 0
                          ? `${result.data.approved}件を承認しました。LINEで申請した方には承認のお知らせが届きます。`
                          : "承認した申請はありません。",
                      held: result.data.heldMessage,
                      heldReceiptNumbers: result.data.heldReceiptNumbers,
                    });
                    router.refresh();
                    return null;
                  }}
                >
                  承認の前に、選んだ申請と同じ住所の申請をもう一度照らし合わせます。重複の疑いが見つかった申請は承認せず、「重複の確認」画面に回します。LINEで申請した方には承認のメッセージが送られます。
                </ConfirmDialog>
              </div>
            ) : null}
          </>
        }
      />
    </div>
  );
}
