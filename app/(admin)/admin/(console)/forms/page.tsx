import type { Metadata } from "next";
import Link from "next/link";
import { RefusedRequest } from "@/components/admin/refused-request";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { zodFieldErrors } from "@/lib/auth/guard";
import { canUseSomewhere, departmentsFor, isSystemAdmin } from "@/lib/auth/permissions";
import { requireStaffPage } from "@/lib/auth/session";
import { getDepartments } from "@/lib/departments/queries";
import { formStatus } from "@/lib/forms/operations";
import { getFormsForStaff } from "@/lib/forms/staff-queries";
import { formListParamsSchema } from "@/lib/forms/validations";
import { FormsTable } from "./forms-table";

export const metadata: Metadata = { title: "電子申請の様式" };

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function FormsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffPage("form.view");
  const raw = await searchParams;
  const parsed = formListParamsSchema.safeParse({ q: one(raw.q), departmentId: one(raw.departmentId), status: one(raw.status) });
  const header = (
    <PageHeader
      title="電子申請の様式"
      description={isSystemAdmin(actor) ? "すべての部署の電子申請の様式です。" : "担当課の電子申請の様式です。編集した内容は「公開」すると新しい版として住民に届きます。"}
      actions={
        canUseSomewhere(actor, "form.manage") ? (
          <Link href="/admin/forms/new" className={buttonClasses()}>
            様式を作成
          </Link>
        ) : null
      }
    />
  );
  if (!parsed.success) {
    return (
      <>
        {header}
        <RefusedRequest failure={{ ok: false, status: 400, error: "絞り込みの条件に誤りがあります。", fieldErrors: zodFieldErrors(parsed.error) }} resetHref="/admin/forms" />
      </>
    );
  }
  const db = await getDb();
  const visible = departmentsFor(actor, "form.view");
  const rows = await getFormsForStaff(db, { departmentIds: visible, params: parsed.data });
  const departments = (await getDepartments(db, { includeInactive: true })).filter((d) => visible === "all" || visible.includes(d.id));
  return (
    <>
      {header}
      <FormsTable
        rows={rows.map((row) => ({ ...row, status: formStatus({ liveVersionId: row.liveVersionId, draftDefinition: row.hasDraft ? {} : null, archivedAt: row.archivedAt }) }))}
        params={parsed.data}
        departmentOptions={departments.map((d) => ({ value: d.id, label: d.name }))}
      />
    </>
  );
}
