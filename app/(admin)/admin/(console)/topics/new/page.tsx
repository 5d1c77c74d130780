import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { departmentsFor } from "@/lib/auth/permissions";
import { requireStaffPage } from "@/lib/auth/session";
import { getDepartments } from "@/lib/departments/queries";
import { CreateTopicForm } from "../topic-form";

export const metadata: Metadata = { title: "トピックを追加" };

export default async function NewTopicPage() {
  const actor = await requireStaffPage("topic.manage");
  const allowed = departmentsFor(actor, "topic.manage");
  const departments = (await getDepartments(await getDb())).filter((d) => allowed === "all" || allowed.includes(d.id));
  return (
    <>
      <PageHeader title="トピックを追加" actions={<Link href="/admin/topics">トピック一覧へ戻る</Link>} />
      <CreateTopicForm departments={departments.map((d) => ({ value: d.id, label: d.name }))} />
    </>
  );
}
