"use client";

import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type RowData,
  type SortingState,
} from "@tanstack/react-table";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useTransition, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

declare module "@tanstack/react-table" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Direction applied the first time this column's header is pressed (dates read best newest first). */
    firstSortDir?: "asc" | "desc";
    /** Extra classes for the header and body cells, e.g. "w-40" or "text-right". */
    className?: string;
  }
}

/** Where the rows sit in the whole result: offset pages with a total, or keyset cursors from the server. */
export type DataTablePagination =
  | { mode: "offset"; page: number; pageSize: number; total: number }
  | {
      mode: "cursor";
      pageSize: number;
      /** Cursor of the next page; null on the last page. */
      nextCursor: string | null;
      /** Cursor of the previous page; "" for the first page, null when already on the first page. */
      previousCursor: string | null;
      total?: number;
    };

export type DataTableSort = { id: string; dir: "asc" | "desc" } | null;

export type DataTableProps<TData> = {
  /** Names the table for screen readers (rendered as a visually hidden caption). */
  caption: string;
  columns: ColumnDef<TData, unknown>[];
  rows: TData[];
  getRowId: (row: TData) => string;
  sort: DataTableSort;
  /** Omit for short lists that fit on one page. */
  pagination?: DataTablePagination;
  pageSizeOptions?: readonly number[];
  /** Filter form and actions above the table; see DataTableFilters. */
  toolbar?: ReactNode;
  emptyMessage?: string;
};

/** URL parameter names, shared with the server pages that parse them. */
export const TABLE_PARAMS = { page: "page", pageSize: "pageSize", sort: "sort", dir: "dir", cursor: "cursor" } as const;

/** Parameters that reset the position in the result when anything else changes. */
const POSITION_PARAMS = [TABLE_PARAMS.page, TABLE_PARAMS.cursor];

/** Updates the URL search params (the table's only state) and navigates without a full reload. */
export function useTableNavigation() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();
  const navigate = useCallback(
    (updates: Record<string, string | null>, { keepPosition = false }: { keepPosition?: boolean } = {}) => {
      const next = new URLSearchParams(searchParams.toString());
      if (!keepPosition) for (const name of POSITION_PARAMS) next.delete(name);
      for (const [name, value] of Object.entries(updates)) {
        if (value === null || value === "") next.delete(name);
        else next.set(name, value);
      }
      const query = next.toString();
      startTransition(() => router.push(query ? `${pathname}?${query}` : pathname, { scroll: false }));
    },
    [pathname, router, searchParams],
  );
  return { navigate, pending, searchParams };
}

const numberFormat = new Intl.NumberFormat("ja-JP");

/**
 * A server-driven table: the server sorts, filters and pages; this component renders one page and turns
 * header presses, the pager and the page-size select into URL changes, so every view can be bookmarked.
 */
export function DataTable<TData>({
  caption,
  columns,
  rows,
  getRowId,
  sort,
  pagination,
  pageSizeOptions = [20, 50, 100],
  toolbar,
  emptyMessage = "条件に合うデータはありません。",
}: DataTableProps<TData>) {
  const { navigate, pending } = useTableNavigation();
  const sorting: SortingState = sort ? [{ id: sort.id, desc: sort.dir === "desc" }] : [];
  const table = useReactTable({
    data: rows,
    columns,
    getRowId,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    state: { sorting },
  });

  const toggleSort = (columnId: string, firstDir: "asc" | "desc") => {
    const dir = sort?.id === columnId ? (sort.dir === "asc" ? "desc" : "asc") : firstDir;
    navigate({ [TABLE_PARAMS.sort]: columnId, [TABLE_PARAMS.dir]: dir });
  };

  const columnCount = table.getVisibleLeafColumns().length;

  return (
    <div className="flex flex-col gap-4">
      {toolbar}
      {/* relative: visually hidden (absolute) labels in far-right cells must not widen the page on a phone. */}
      <div className="relative overflow-x-auto rounded-8 border border-solid-gray-200 bg-white" aria-busy={pending}>
        <table className={`w-full border-collapse text-left text-std-16N-170 ${pending ? "opacity-60" : ""}`}>
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-solid-gray-50">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const column = header.column;
                  const meta = column.columnDef.meta;
                  // Columns opt in with enableSorting: true; their id is the sort key the server accepts.
                  const sortable = column.columnDef.enableSorting === true;
                  const current = sort?.id === column.id ? sort.dir : null;
                  const label = header.isPlaceholder ? null : flexRender(column.columnDef.header, header.getContext());
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={sortable ? (current === "asc" ? "ascending" : current === "desc" ? "descending" : "none") : undefined}
                      className={`border-b border-solid-gray-200 px-4 py-3 text-std-16B-170 text-solid-gray-800 ${meta?.className ?? ""}`}
                    >
                      {sortable ? (
                        <button
                          type="button"
                          onClick={() => toggleSort(column.id, meta?.firstSortDir ?? "asc")}
                          className="-mx-2 inline-flex min-h-10 items-center gap-1 rounded-4 px-2 text-std-16B-170 text-blue-1000 underline-offset-3 hover:underline"
                        >
                          {label}
                          <span aria-hidden="true" className="inline-block w-4 text-center">
                            {current === "asc" ? "▲" : current === "desc" ? "▼" : "⇅"}
                          </span>
                          <span className="sr-only">
                            {current === "asc" ? "（昇順。押すと降順）" : current === "desc" ? "（降順。押すと昇順）" : "（押すと並べ替え）"}
                          </span>
                        </button>
                      ) : (
                        label
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.length === 0 ? (
              <tr>
                <td colSpan={columnCount} className="px-4 py-10 text-center text-std-16N-170 text-solid-gray-700">
                  {emptyMessage}
                </td>
              </tr>
            ) : (
              table.getRowModel().rows.map((row) => (
                <tr key={row.id} className="border-b border-solid-gray-100 last:border-b-0 hover:bg-blue-50">
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id} className={`px-4 py-3 align-top ${cell.column.columnDef.meta?.className ?? ""}`}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {pagination ? (
        <Pager pagination={pagination} rowCount={rows.length} pageSizeOptions={pageSizeOptions} navigate={navigate} pending={pending} />
      ) : null}
    </div>
  );
}

function Pager({
  pagination,
  rowCount,
  pageSizeOptions,
  navigate,
  pending,
}: {
  pagination: DataTablePagination;
  rowCount: number;
  pageSizeOptions: readonly number[];
  navigate: ReturnType<typeof useTableNavigation>["navigate"];
  pending: boolean;
}) {
  let summary: string;
  let previous: (() => void) | null = null;
  let next: (() => void) | null = null;
  if (pagination.mode === "offset") {
    const { page, pageSize, total } = pagination;
    const lastPage = Math.max(1, Math.ceil(total / pageSize));
    const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
    const last = (page - 1) * pageSize + rowCount;
    summary =
      total === 0
        ? "全 0 件"
        : rowCount === 0
          ? `全 ${numberFormat.format(total)} 件（このページには表示するデータがありません）`
          : `全 ${numberFormat.format(total)} 件中 ${numberFormat.format(first)}〜${numberFormat.format(last)} 件目（${page} / ${lastPage} ページ）`;
    if (page > 1) previous = () => navigate({ [TABLE_PARAMS.page]: String(Math.min(page - 1, lastPage)) }, { keepPosition: true });
    if (page < lastPage) next = () => navigate({ [TABLE_PARAMS.page]: String(page + 1) }, { keepPosition: true });
  } else {
    const { total, previousCursor, nextCursor } = pagination;
    summary = total === undefined ? `${numberFormat.format(rowCount)} 件を表示` : `全 ${numberFormat.format(total)} 件中 ${numberFormat.format(rowCount)} 件を表示`;
    if (previousCursor !== null) previous = () => navigate({ [TABLE_PARAMS.cursor]: previousCursor || null }, { keepPosition: true });
    if (nextCursor !== null) next = () => navigate({ [TABLE_PARAMS.cursor]: nextCursor }, { keepPosition: true });
  }

  return (
    <nav aria-label="ページ送り" className="flex flex-wrap items-center justify-between gap-4">
      <p className="text-std-16N-170 text-solid-gray-800" aria-live="polite">
        {pending ? "読み込んでいます…" : summary}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <label className="flex items-center gap-2 text-std-16N-170">
          表示件数
          <select
            value={pagination.pageSize}
            onChange={(event) => navigate({ [TABLE_PARAMS.pageSize]: event.target.value })}
            className="rounded-8 border border-solid-gray-600 bg-white px-3 py-2 text-std-16N-170"
          >
            {pageSizeOptions.map((size) => (
              <option key={size} value={size}>
                {size}件
              </option>
            ))}
          </select>
        </label>
        <Button variant="secondary" size="sm" onClick={previous ?? undefined} disabled={!previous || pending}>
          前へ
        </Button>
        <Button variant="secondary" size="sm" onClick={next ?? undefined} disabled={!next || pending}>
          次へ
        </Button>
      </div>
    </nav>
  );
}
