import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { departmentsFor } from "@/lib/auth/permissions";
import { requireStaffPage } from "@/lib/auth/session";
import { getDepartments } from "@/lib/departments/queries";
import { getDepartmentForms } from "@/lib/forms/review-queries";

export const metadata: Metadata = { title: "電子申請の窓口入力" };

/** Counter staff pick a live form of their department to type in a walk-in's paper application. */
export default async function CounterFormsPage() {
  const actor = await requireStaffPage("form.counter");
  const db = await getDb();
  const scope = departmentsFor(actor, "form.counter");
  const departmentIds = scope === "all" ? (await getDepartments(db)).map((d) => d.id) : scope;
  const forms = await getDepartmentForms(db, { departmentIds, liveOnly: true });
  return (
    <>
      <PageHeader title="電子申請の窓口入力" description="窓口に紙で出された申請書を、LINEの電子申請と同じ様式で入力します。手数料は現金で受け取り、受付票を印刷して渡します。" />
      {forms.length === 0 ? (
        <Alert tone="info" title="窓口で入力できる様式（公開中のもの）はありません。" />
      ) : (
        <ul className="flex flex-col gap-2 text-std-16N-170">
          {forms.map((form) => (
            <li key={form.id}>
              <Link href={`/admin/counter/forms/${form.id}`} className="text-std-18B-160">
                {form.title}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
