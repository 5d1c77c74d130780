"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { DataTable } from "@/components/admin/data-table";
import { DataTableFilters } from "@/components/admin/data-table-filters";
import { formatDateTime } from "@/components/admin/format";
import { Alert } from "@/components/ui/alert";
import { SubmittedRangeFields } from "@/components/review/submitted-range-fields";
import { Badge } from "@/components/ui/badge";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { InputField, SelectField } from "@/components/ui/field";
import { SUBMISSION_STATUSES } from "@/db/schema/forms";
import { bulkApproveSubmissionsAction, bulkMailSubmissionsAction } from "@/lib/forms/review-actions";
import type { SubmissionQueueRow } from "@/lib/forms/review-queries";
import { ALL, PAYMENT_STATE_LABELS, PAYMENT_STATES, SUBMISSION_STATUS_LABELS } from "@/lib/forms/review-validations";
import { PAYMENT_STATE_TONES, SUBMISSION_CHANNEL_LABELS, SUBMISSION_STATUS_TONES, yen } from "./labels";

export type SubmissionFilters = { department?: string; form?: string; status: string; payment?: string; from?: string; to?: string; q?: string; dir: "asc" | "desc"; limit: number };

/** One bulk run's refusals, by reference, as the operation reported them. */
type Refusal = { title: string; rows: [string, string[]][] };

export function SubmissionQueueTable({
  rows,
  filters,
  filterQuery,
  forms,
  departments,
  nextCursor,
  previousCursor,
  canReview,
  today,
}: {
  rows: SubmissionQueueRow[];
  filters: SubmissionFilters;
  /** The filters as a query string, carried into each submission's page and the CSV links. */
  filterQuery: string;
  forms: { id: string; title: string }[];
  departments: { id: string; name: string }[];
  nextCursor: string | null;
  previousCursor: string | null;
  canReview: boolean;
  today: string;
}) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [mailDate, setMailDate] = useState(today);
  const chosen = rows.filter((r) => selected.has(r.id)).map((r) => r.id);
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const run = async (result: { ok: true } | { ok: false; error: string; fieldErrors?: Record<string, string[]> }, done: string) => {
    if (!result.ok) {
      if (result.fieldErrors && Object.keys(result.fieldErrors).some((key) => key.startsWith("S-"))) {
        setRefusal({ title: result.error, rows: Object.entries(result.fieldErrors) });
        return null;
      }
      return result.error;
    }
    setRefusal(null);
    setSelected(new Set());
    setNotice(done);
    router.refresh();
    return null;
  };

  const columns: ColumnDef<SubmissionQueueRow, unknown>[] = [
    ...(canReview
      ? [
          {
            id: "select",
            header: () => (
              <input type="checkbox" aria-label="このページの申請をすべて選ぶ" checked={allSelected} disabled={rows.length === 0} onChange={() => setSelected(allSelected ? new Set() : new Set(rows.map((r) => r.id)))} className="size-5 accent-blue-900" />
            ),
            cell: ({ row }: { row: { original: SubmissionQueueRow } }) => (
              <input type="checkbox" aria-label={`${row.original.reference} を選ぶ`} checked={selected.has(row.original.id)} onChange={() => toggle(row.original.id)} className="size-5 accent-blue-900" />
            ),
            meta: { className: "w-12" },
          } satisfies ColumnDef<SubmissionQueueRow, unknown>,
        ]
      : []),
    {
      id: "reference",
      header: "受付番号",
      cell: ({ row }) => (
        <Link href={`/admin/submissions/${row.original.id}${filterQuery}`} className="whitespace-nowrap font-mono text-std-16B-170">
          {row.original.reference}
        </Link>
      ),
    },
    { id: "form", header: "様式", cell: ({ row }) => row.original.formTitle },
    { id: "name", header: "申請者", cell: ({ row }) => row.original.applicantName ?? "—" },
    { id: "channel", header: "方法", cell: ({ row }) => SUBMISSION_CHANNEL_LABELS[row.original.channel] },
    { id: "status", header: "状態", cell: ({ row }) => <Badge tone={SUBMISSION_STATUS_TONES[row.original.status]}>{SUBMISSION_STATUS_LABELS[row.original.status]}</Badge> },
    {
      id: "payment",
      header: "手数料",
      cell: ({ row }) => (
        <span className="flex flex-wrap items-center gap-1 whitespace-nowrap">
          {yen(row.original.feeAmount)}
          <Badge tone={PAYMENT_STATE_TONES[row.original.paymentState]}>{PAYMENT_STATE_LABELS[row.original.paymentState]}</Badge>
        </span>
      ),
    },
    { id: "submittedAt", header: "申請日時", enableSorting: true, meta: { firstSortDir: "desc" }, cell: ({ row }) => formatDateTime(row.original.submittedAt) },
  ];

  const csvBase = `/api/admin/submissions/export${filterQuery}${filterQuery ? "&" : "?"}`;

  return (
    <div className="flex flex-col gap-4">
      {notice ? <Alert tone="success" title={notice} /> : null}
      {refusal ? (
        <Alert tone="error" title={refusal.title}>
          <ul className="list-disc pl-6">
            {refusal.rows.map(([reference, reasons]) => (
              <li key={reference}>
                <span className="font-mono">{reference}</span>: {reasons.join(" ")}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {previousCursor !== null ? (
        <p>
          <Link href={`/admin/submissions${filterQuery}`}>← 最初のページへ戻る</Link>
        </p>
      ) : null}
      <DataTable
        caption="電子申請の一覧"
        columns={columns}
        rows={rows}
        getRowId={(row) => row.id}
        sort={{ id: "submittedAt", dir: filters.dir }}
        pagination={{ mode: "cursor", pageSize: filters.limit, nextCursor, previousCursor }}
        pageSizeOptions={[50, 100, 200]}
        emptyMessage="条件に合う申請はありません。"
        toolbar={
          <>
            <DataTableFilters names={["q", "department", "form", "status", "payment", "from", "to"]} label="申請の絞り込み">
              <div className="w-72">
                <InputField label="受付番号・申請者の氏名" name="q" type="search" defaultValue={filters.q ?? ""} />
              </div>
              {departments.length > 1 ? (
                <div className="w-56">
                  <SelectField label="部署" name="department" defaultValue={filters.department ?? ""} placeholder="すべて" options={departments.map((d) => ({ value: d.id, label: d.name }))} />
                </div>
              ) : null}
              <div className="w-72">
                <SelectField label="様式" name="form" defaultValue={filters.form ?? ""} placeholder="すべて" options={forms.map((f) => ({ value: f.id, label: f.title }))} />
              </div>
              <div className="w-48">
                <SelectField label="状態" name="status" defaultValue={filters.status} options={[{ value: ALL, label: "すべて" }, ...SUBMISSION_STATUSES.filter((s) => s !== "awaiting_payment").map((s) => ({ value: s, label: SUBMISSION_STATUS_LABELS[s] }))]} />
              </div>
              <div className="w-48">
                <SelectField label="納付" name="payment" defaultValue={filters.payment ?? ""} placeholder="すべて" options={PAYMENT_STATES.map((p) => ({ value: p, label: PAYMENT_STATE_LABELS[p] }))} />
              </div>
              <SubmittedRangeFields from={filters.from} to={filters.to} />
            </DataTableFilters>
            <div className="flex flex-wrap items-center gap-3">
              <span className="text-std-16B-170">この条件の一覧をCSVで出力:</span>
              <a href={`${csvBase}encoding=utf-8`} download>
                UTF-8（BOM付き・Excel向け）
              </a>
              <a href={`${csvBase}encoding=shift_jis`} download>
                Shift_JIS
              </a>
            </div>
            {canReview ? (
              <div className="flex flex-wrap items-end gap-3 rounded-8 border border-solid-gray-200 bg-white p-4">
                <p className="text-std-16N-170" aria-live="polite">
                  {chosen.length}件を選択中（1件でも処理できない申請があると、どれも処理しません）
                </p>
                <ConfirmDialog
                  triggerLabel="選んだ申請を一括承認"
                  triggerVariant="primary"
                  triggerDisabled={chosen.length === 0}
                  title={`${chosen.length}件の申請を承認しますか？`}
                  confirmLabel="承認する"
                  onConfirm={async () => run(await bulkApproveSubmissionsAction({ submissionIds: chosen }), `${chosen.length}件を承認しました。LINEで申請した方には承認のお知らせが届きます。`)}
                >
                  審査待ちの申請だけを承認できます。LINEで申請した方には承認のメッセージが送られます。
                </ConfirmDialog>
                <div className="w-44">
                  <InputField label="発送日" type="date" value={mailDate} onChange={(event) => setMailDate(event.target.value)} />
                </div>
                <ConfirmDialog
                  triggerLabel="選んだ申請を発送済みにする"
                  triggerDisabled={chosen.length === 0}
                  title={`${chosen.length}件の申請を${mailDate}に発送済みにしますか？`}
                  confirmLabel="発送済みにする"
                  onConfirm={async () => run(await bulkMailSubmissionsAction({ submissionIds: chosen, date: mailDate }), `${chosen.length}件を発送済みにしました。`)}
                >
                  承認済みで、手数料がある場合は納付済みの申請だけを発送済みにできます。LINEで申請した方には発送のお知らせが届きます。
                </ConfirmDialog>
              </div>
            ) : null}
          </>
        }
      />
    </div>
  );
}
