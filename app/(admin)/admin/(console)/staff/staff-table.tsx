"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { DataTable } from "@/components/admin/data-table";
import { DataTableFilters } from "@/components/admin/data-table-filters";
import { formatDateTime } from "@/components/admin/format";
import { Badge } from "@/components/ui/badge";
import { InputField, SelectField } from "@/components/ui/field";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import type { StaffRow } from "@/lib/staff/queries";
import type { StaffListParams } from "@/lib/staff/validations";

type Option = { value: string; label: string };

export const STATUS_OPTIONS: Option[] = [
  { value: "active", label: "利用中" },
  { value: "inactive", label: "停止中" },
  { value: "locked", label: "ロック中" },
];

export function StaffStatusBadges({ active, lockedUntil }: { active: boolean; lockedUntil: Date | null }) {
  return (
    <span className="flex flex-wrap gap-1">
      {active ? <Badge tone="success">利用中</Badge> : <Badge tone="neutral">停止中</Badge>}
      {lockedUntil ? <Badge tone="error">ロック中</Badge> : null}
    </span>
  );
}

export function StaffTable({
  rows,
  total,
  params,
  departmentNames,
  departmentOptions,
  roleOptions,
}: {
  rows: StaffRow[];
  total: number;
  params: StaffListParams;
  departmentNames: Record<string, string>;
  departmentOptions: Option[];
  roleOptions: Option[];
}) {
  const columns: ColumnDef<StaffRow, unknown>[] = [
    {
      id: "displayName",
      header: "氏名",
      enableSorting: true,
      cell: ({ row }) => (
        <Link href={`/admin/staff/${row.original.id}`} className="text-std-16B-170">
          {row.original.displayName}
        </Link>
      ),
    },
    { id: "loginId", header: "ログインID", enableSorting: true, cell: ({ row }) => <span className="break-all">{row.original.loginId}</span> },
    {
      id: "memberships",
      header: "所属・権限",
      cell: ({ row }) => (
        <ul>
          {row.original.memberships.map((m) => (
            <li key={m.departmentId}>
              {departmentNames[m.departmentId] ?? "（不明な部署）"}・{ROLE_LABELS[m.role]}
            </li>
          ))}
        </ul>
      ),
    },
    { id: "status", header: "状態", cell: ({ row }) => <StaffStatusBadges active={row.original.active} lockedUntil={row.original.lockedUntil} /> },
    {
      id: "lastLoginAt",
      header: "最終ログイン",
      enableSorting: true,
      meta: { firstSortDir: "desc" },
      cell: ({ row }) => formatDateTime(row.original.lastLoginAt, "未ログイン"),
    },
  ];

  return (
    <DataTable
      caption="職員アカウントの一覧"
      columns={columns}
      rows={rows}
      getRowId={(row) => row.id}
      sort={{ id: params.sort, dir: params.dir }}
      pagination={{ mode: "offset", page: params.page, pageSize: params.pageSize, total }}
      emptyMessage="条件に合う職員はいません。"
      toolbar={
        <DataTableFilters names={["q", "departmentId", "role", "status"]} label="職員の絞り込み">
          <div className="w-72">
            <InputField label="氏名・ログインID" name="q" type="search" defaultValue={params.q ?? ""} />
          </div>
          <div className="w-64">
            <SelectField label="部署" name="departmentId" defaultValue={params.departmentId ?? ""} placeholder="すべて" options={departmentOptions} />
          </div>
          <div className="w-48">
            <SelectField label="権限" name="role" defaultValue={params.role ?? ""} placeholder="すべて" options={roleOptions} />
          </div>
          <div className="w-40">
            <SelectField label="状態" name="status" defaultValue={params.status ?? ""} placeholder="すべて" options={STATUS_OPTIONS} />
          </div>
        </DataTableFilters>
      }
    />
  );
}
