"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { DataTable, type DataTableSort } from "@/components/admin/data-table";
import { Badge } from "@/components/ui/badge";
import type { Department } from "@/db/schema/departments";

type DepartmentRow = Department & { canEdit: boolean; canEditSettings: boolean };

const columns: ColumnDef<DepartmentRow, unknown>[] = [
  { id: "code", header: "コード", enableSorting: true, cell: ({ row }) => <span className="font-mono">{row.original.code}</span> },
  { id: "name", header: "部署名", enableSorting: true, cell: ({ row }) => <span className="text-std-16B-170">{row.original.name}</span> },
  { id: "site", header: "拠点", enableSorting: true, cell: ({ row }) => row.original.site },
  { id: "phone", header: "電話番号", cell: ({ row }) => row.original.phone ?? "—" },
  { id: "counterHours", header: "窓口の受付時間", cell: ({ row }) => row.original.counterHours ?? "—" },
  {
    id: "active",
    header: "状態",
    cell: ({ row }) => (row.original.active ? <Badge tone="success">利用中</Badge> : <Badge>停止中</Badge>),
  },
  {
    id: "actions",
    header: "操作",
    cell: ({ row }) => {
      const d = row.original;
      if (!d.canEdit && !d.canEditSettings) return <span className="text-solid-gray-700">—</span>;
      return (
        <span className="flex flex-wrap gap-x-4 gap-y-1">
          {d.canEdit ? (
            <Link href={`/admin/departments/${d.id}/edit`}>
              編集<span className="sr-only">（{d.name}）</span>
            </Link>
          ) : null}
          {d.canEditSettings ? (
            <Link href={`/admin/departments/${d.id}/settings`}>
              窓口設定<span className="sr-only">（{d.name}）</span>
            </Link>
          ) : null}
        </span>
      );
    },
  },
];

export function DepartmentTable({ rows, sort }: { rows: DepartmentRow[]; sort: DataTableSort }) {
  return <DataTable caption="部署の一覧" columns={columns} rows={rows} getRowId={(row) => row.id} sort={sort} emptyMessage="部署がありません。" />;
}
