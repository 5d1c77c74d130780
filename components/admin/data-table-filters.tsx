"use client";

import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { TABLE_PARAMS, useTableNavigation } from "./data-table";

/**
 * The filter toolbar of a DataTable. Its fields are plain named controls (uncontrolled, defaultValue from the
 * server's parsed params); submitting writes them into the URL and goes back to the first page. Without
 * JavaScript it still works as a GET form.
 */
export function DataTableFilters({
  names,
  children,
  label = "絞り込み",
}: {
  /** The URL parameter names of the fields inside, cleared by 「条件をクリア」. */
  names: readonly string[];
  children: ReactNode;
  label?: string;
}) {
  const { navigate, pending, searchParams } = useTableNavigation();
  const kept = [TABLE_PARAMS.sort, TABLE_PARAMS.dir, TABLE_PARAMS.pageSize].filter((name) => searchParams.has(name));
  const active = names.some((name) => searchParams.get(name));
  return (
    <form
      // Remount when the URL changes so the uncontrolled fields show what is applied.
      key={searchParams.toString()}
      role="search"
      aria-label={label}
      method="get"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        navigate(Object.fromEntries(names.map((name) => [name, String(form.get(name) ?? "").trim() || null])));
      }}
      className="rounded-8 border border-solid-gray-200 bg-white p-4"
    >
      {kept.map((name) => (
        <input key={name} type="hidden" name={name} value={searchParams.get(name) ?? ""} />
      ))}
      <div className="flex flex-wrap items-end gap-4">
        {children}
        <div className="flex gap-2">
          <Button type="submit" disabled={pending}>
            検索
          </Button>
          {active ? (
            <Button variant="ghost" onClick={() => navigate(Object.fromEntries(names.map((name) => [name, null])))}>
              条件をクリア
            </Button>
          ) : null}
        </div>
      </div>
    </form>
  );
}
