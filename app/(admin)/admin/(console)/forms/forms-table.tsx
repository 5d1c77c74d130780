"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { DataTable } from "@/components/admin/data-table";
import { DataTableFilters } from "@/components/admin/data-table-filters";
import { formatDateTime } from "@/components/admin/format";
import { InputField, SelectField } from "@/components/ui/field";
import { FORM_STATUS_LABELS, type FormStatus } from "@/lib/forms/editor-labels";
import type { FormListParams } from "@/lib/forms/validations";
import { FormStatusBadge } from "./status-badge";

export type FormListRow = { id: string; code: string; title: string; departmentName: string; status: FormStatus; liveVersion: number | null; submissions: number; updatedAt: Date };

const STATUS_OPTIONS = Object.entries(FORM_STATUS_LABELS).map(([value, label]) => ({ value, label }));

export function FormsTable({ rows, params, departmentOptions }: { rows: FormListRow[]; params: FormListParams; departmentOptions: { value: string; label: string }[] }) {
  const columns: ColumnDef<FormListRow, unknown>[] = [
    {
      id: "title",
      header: "様式",
      cell: ({ row }) => (
        <>
          <Link href={`/admin/forms/${row.original.id}`} className="text-std-16B-170">
            {row.original.title}
          </Link>
          <span className="block text-solid-gray-700">{row.original.code}</span>
        </>
      ),
    },
    { id: "department", header: "担当課", cell: ({ row }) => row.original.departmentName },
    { id: "status", header: "状態", cell: ({ row }) => <FormStatusBadge status={row.original.status} /> },
    { id: "liveVersion", header: "公開中の版", meta: { className: "text-right" }, cell: ({ row }) => (row.original.liveVersion ? `第${row.original.liveVersion}版` : "—") },
    { id: "submissions", header: "申請数", meta: { className: "text-right" }, cell: ({ row }) => row.original.submissions.toLocaleString("ja-JP") },
    { id: "updatedAt", header: "更新日時", cell: ({ row }) => formatDateTime(row.original.updatedAt) },
  ];
  return (
    <DataTable
      caption="電子申請の様式の一覧"
      columns={columns}
      rows={rows}
      getRowId={(row) => row.id}
      sort={null}
      emptyMessage="条件に合う様式はありません。"
      toolbar={
        <DataTableFilters names={["q", "departmentId", "status"]} label="様式の絞り込み">
          <div className="w-72">
            <InputField label="様式名・コード" name="q" type="search" defaultValue={params.q ?? ""} />
          </div>
          {departmentOptions.length > 1 ? (
            <div className="w-64">
              <SelectField label="担当課" name="departmentId" defaultValue={params.departmentId ?? ""} placeholder="すべて" options={departmentOptions} />
            </div>
          ) : null}
          <div className="w-56">
            <SelectField label="状態" name="status" defaultValue={params.status ?? ""} placeholder="すべて" options={STATUS_OPTIONS} />
          </div>
        </DataTableFilters>
      }
    />
  );
}
