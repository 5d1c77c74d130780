import type { Metadata } from "next";
import Link from "next/link";
import { inArray } from "drizzle-orm";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { FILING_STATUSES } from "@/db/schema/filings";
import { benefitPrograms } from "@/db/schema/programs";
import { departmentsFor, isSystemAdmin } from "@/lib/auth/permissions";
import { requireStaffPage } from "@/lib/auth/session";
import { getDepartments } from "@/lib/departments/queries";
import { getTopicsByDepartments } from "@/lib/segments/queries";
import { FILING_STATUS_LABELS } from "@/lib/filings/rules";
import { ComposeForm } from "../compose-form";

export const metadata: Metadata = { title: "配信を作成" };

export default async function NewBroadcastPage() {
  const actor = await requireStaffPage("broadcast.compose");
  const db = await getDb();
  const allowed = departmentsFor(actor, "broadcast.compose");
  const departments = (await getDepartments(db)).filter((d) => allowed === "all" || allowed.includes(d.id));
  const topics = await getTopicsByDepartments(db, { departmentIds: departments.map((d) => d.id), activeOnly: true });
  const programs = departments.length === 0 ? [] : await db.select({ id: benefitPrograms.id, name: benefitPrograms.name, departmentId: benefitPrograms.departmentId }).from(benefitPrograms).where(inArray(benefitPrograms.departmentId, departments.map((d) => d.id)));
  return (
    <>
      <PageHeader title="配信を作成" description="下書きとして保存し、次の画面で送信（または承認依頼）します。" actions={<Link href="/admin/broadcasts">配信一覧へ戻る</Link>} />
      <ComposeForm
        departments={departments.map((d) => ({ value: d.id, label: d.name }))}
        topics={topics.map(({ topic }) => ({ id: topic.id, departmentId: topic.departmentId, label: `${topic.icon} ${topic.name}` }))}
        programs={programs.map((p) => ({ value: p.id, label: p.name, departmentId: p.departmentId }))}
        statuses={FILING_STATUSES.map((s) => ({ value: s, label: FILING_STATUS_LABELS[s] }))}
        canEmergency={isSystemAdmin(actor)}
      />
    </>
  );
}
