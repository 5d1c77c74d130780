"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { DataTable } from "@/components/admin/data-table";
import { DataTableFilters } from "@/components/admin/data-table-filters";
import { InputField, SelectField } from "@/components/ui/field";
import { AUDIT_FILTER_KEYS, AUDIT_PAGE_SIZES, type AuditSearchParams } from "@/lib/audit-viewer/validations";

type Option = { value: string; label: string };

/** What the server sends for one row: dates already in 和暦 and Japan time. */
export type AuditTableRow = {
  id: number;
  atLabel: string;
  actorTypeLabel: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  actionLabel: string;
  entity: string;
  entityId: string | null;
  departmentName: string | null;
  hasChanges: boolean;
};

const columns: ColumnDef<AuditTableRow, unknown>[] = [
  {
    id: "at",
    header: "日時",
    enableSorting: true,
    meta: { firstSortDir: "desc", className: "w-56" },
    cell: ({ row }) => <span className="whitespace-nowrap">{row.original.atLabel}</span>,
  },
  {
    id: "actor",
    header: "操作者",
    enableSorting: true,
    // A login id is one long word: give the column room and break it only at its @ or dots, never letter by letter.
    meta: { className: "min-w-48" },
    cell: ({ row }) => (
      <span className="flex flex-col">
        <span className="[overflow-wrap:anywhere]">{row.original.actorLabel ?? "—"}</span>
        <span className="text-std-16N-170 text-solid-gray-700">{row.original.actorTypeLabel}</span>
      </span>
    ),
  },
  {
    id: "action",
    header: "操作",
    enableSorting: true,
    cell: ({ row }) => (
      <span className="flex flex-col">
        <span>{row.original.actionLabel || row.original.action}</span>
        <code className="text-std-16N-170 text-solid-gray-700 [overflow-wrap:anywhere]">{row.original.action}</code>
      </span>
    ),
  },
  {
    id: "entity",
    header: "対象",
    enableSorting: true,
    cell: ({ row }) => (
      <span className="flex flex-col">
        <code>{row.original.entity}</code>
        {row.original.entityId ? <span className="text-std-16N-170 text-solid-gray-700 [overflow-wrap:anywhere]">{row.original.entityId}</span> : null}
      </span>
    ),
  },
  { id: "department", header: "部署", meta: { className: "whitespace-nowrap" }, cell: ({ row }) => row.original.departmentName ?? "—" },
  {
    id: "detail",
    header: "詳細",
    cell: ({ row }) => (
      <Link href={`/admin/audit/${row.original.id}`} className="whitespace-nowrap">
        {row.original.hasChanges ? "変更内容を見る" : "詳細を見る"}
        <span className="sr-only">（記録番号 {row.original.id}）</span>
      </Link>
    ),
  },
];

export function AuditTable({
  rows,
  total,
  params,
  values,
  fieldErrors,
  departmentOptions,
  actionGroups,
}: {
  rows: AuditTableRow[];
  total: number;
  params: AuditSearchParams;
  /** What the filter fields show: the URL as typed, so a rejected value stays visible next to its message. */
  values: Record<string, string>;
  fieldErrors: Record<string, string>;
  departmentOptions: Option[];
  actionGroups: { label: string; options: Option[] }[];
}) {
  return (
    <DataTable
      caption="監査ログの一覧"
      columns={columns}
      rows={rows}
      getRowId={(row) => String(row.id)}
      sort={{ id: params.sort, dir: params.dir }}
      pagination={{ mode: "offset", page: params.page, pageSize: params.pageSize, total }}
      pageSizeOptions={AUDIT_PAGE_SIZES}
      emptyMessage="条件に合う記録はありません。"
      toolbar={
        <DataTableFilters names={AUDIT_FILTER_KEYS} label="監査ログの検索">
          <div className="w-72">
            <InputField
              label="操作者"
              hint="氏名・ログインID・ID"
              name="actor"
              type="search"
              defaultValue={values.actor}
              error={fieldErrors.actor}
            />
          </div>
          <div className="w-72">
            <SelectField
              label="操作"
              name="action"
              defaultValue={values.action}
              placeholder="すべて"
              options={[]}
              groups={actionGroups}
              error={fieldErrors.action}
            />
          </div>
          <div className="w-56">
            <InputField label="対象の種類" hint="例: staff、department" name="entity" defaultValue={values.entity} error={fieldErrors.entity} />
          </div>
          <div className="w-72">
            <InputField label="対象ID" hint="完全一致" name="entityId" defaultValue={values.entityId} error={fieldErrors.entityId} />
          </div>
          <div className="w-64">
            <SelectField
              label="部署"
              name="departmentId"
              defaultValue={values.departmentId}
              placeholder="すべて"
              options={departmentOptions}
              error={fieldErrors.departmentId}
            />
          </div>
          <div className="w-52">
            <InputField label="開始日" hint="この日から（日本時間）" name="from" type="date" defaultValue={values.from} error={fieldErrors.from} />
          </div>
          <div className="w-52">
            <InputField label="終了日" hint="この日まで（日本時間）" name="to" type="date" defaultValue={values.to} error={fieldErrors.to} />
          </div>
        </DataTableFilters>
      }
    />
  );
}
