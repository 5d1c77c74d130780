import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { canInDepartment } from "@/lib/auth/permissions";
import { requireStaffPage } from "@/lib/auth/session";
import { getTopicById } from "@/lib/segments/queries";
import { EditTopicForm } from "../topic-form";

export const metadata: Metadata = { title: "トピックを編集" };

export default async function EditTopicPage({ params }: { params: Promise<{ topicId: string }> }) {
  const actor = await requireStaffPage("topic.manage");
  const parsed = z.uuid().safeParse((await params).topicId);
  const topic = parsed.success ? await getTopicById(await getDb(), { topicId: parsed.data }) : null;
  if (!topic || !canInDepartment(actor, "topic.manage", topic.departmentId)) notFound();
  return (
    <>
      <PageHeader title={`トピックを編集: ${topic.name}`} actions={<Link href="/admin/topics">トピック一覧へ戻る</Link>} />
      <EditTopicForm topic={topic} />
    </>
  );
}
