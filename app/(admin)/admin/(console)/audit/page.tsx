import type { Metadata } from "next";
import { forbidden, redirect } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { ACTOR_TYPE_LABELS, formatWarekiDateTime } from "@/lib/audit-viewer/format";
import { actionLabel, actionOptionGroups } from "@/lib/audit-viewer/labels";
import { searchAuditLog } from "@/lib/audit-viewer/operations";
import { AUDIT_FILTER_KEYS, auditSearchParamsSchema, searchParamsToObject, type AuditSearchParams } from "@/lib/audit-viewer/validations";
import { canUseSomewhere } from "@/lib/auth/permissions";
import { requireStaffPage, runAsCurrentStaff } from "@/lib/auth/session";
import { getDepartments } from "@/lib/departments/queries";
import { AuditTable, type AuditTableRow } from "./audit-table";

export const metadata: Metadata = { title: "監査ログ" };

// Each area offers 「…のすべて」 (the area code, matched as a prefix by the query) before its single actions.
const ACTION_GROUPS = actionOptionGroups().map((group) => ({
  label: group.label,
  options: [{ value: group.area, label: `${group.label}のすべて` }, ...group.options],
}));

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffPage("audit.search");
  const raw = searchParamsToObject(await searchParams);
  // Audited: the log shows who did what to whom.
  const result = await runAsCurrentStaff(searchAuditLog, raw);
  if (!result.ok && result.status === 401) redirect("/admin/login");
  if (!result.ok && result.status === 403) forbidden();
  if (!result.ok && result.status !== 400) throw new Error(result.error);

  // With bad filters nothing is searched: the form shows what was typed and why it is wrong.
  const params: AuditSearchParams = result.ok ? result.data.params : auditSearchParamsSchema.parse({});
  const rows: AuditTableRow[] = result.ok
    ? result.data.rows.map((row) => ({
        id: row.id,
        atLabel: formatWarekiDateTime(row.at),
        actorTypeLabel: ACTOR_TYPE_LABELS[row.actorType] ?? row.actorType,
        actorId: row.actorId,
        actorLabel: row.actorLabel,
        action: row.action,
        actionLabel: actionLabel(row.action),
        entity: row.entity,
        entityId: row.entityId,
        departmentName: row.departmentName,
        hasChanges: row.hasChanges,
      }))
    : [];
  const departments = await getDepartments(await getDb(), { includeInactive: true });

  const exportQuery = new URLSearchParams();
  for (const key of AUDIT_FILTER_KEYS) {
    const value = params[key];
    if (value) exportQuery.set(key, value);
  }
  exportQuery.set("dir", params.dir);

  return (
    <>
      <PageHeader
        title="監査ログ"
        description="だれが・いつ・何をしたかの記録です。記録は変更も削除もできません。この画面での検索と出力も記録されます。"
        actions={
          result.ok && canUseSomewhere(actor, "audit.export") ? (
            <a href={`/api/admin/audit/export?${exportQuery.toString()}`} className={buttonClasses({ variant: "secondary" })} download>
              この条件でCSV出力
            </a>
          ) : null
        }
      />
      {!result.ok ? (
        <div className="mb-4">
          <Alert tone="error" title={result.error} />
        </div>
      ) : null}
      <AuditTable
        rows={rows}
        total={result.ok ? result.data.total : 0}
        params={params}
        values={Object.fromEntries(AUDIT_FILTER_KEYS.map((key) => [key, raw[key] ?? ""]))}
        fieldErrors={result.ok ? {} : Object.fromEntries(Object.entries(result.fieldErrors ?? {}).map(([key, list]) => [key, list[0] ?? ""]))}
        departmentOptions={departments.map((d) => ({ value: d.id, label: d.active ? d.name : `${d.name}（停止中）` }))}
        actionGroups={ACTION_GROUPS}
      />
    </>
  );
}
