import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { departmentsFor } from "@/lib/auth/permissions";
import { requireStaffPage } from "@/lib/auth/session";
import { getTopicsByDepartments } from "@/lib/segments/queries";
import { getTopicSubscriberCounts } from "@/lib/segments/stats";

export const metadata: Metadata = { title: "配信トピック" };

export default async function TopicsPage() {
  const actor = await requireStaffPage("topic.manage");
  const db = await getDb();
  const rows = await getTopicsByDepartments(db, { departmentIds: departmentsFor(actor, "topic.manage") });
  const counts = await getTopicSubscriberCounts(db);
  return (
    <>
      <PageHeader
        title="配信トピック"
        description="住民が受信設定で選ぶお知らせの種類です。各部署の管理者が自部署のトピックを管理します。"
        actions={
          <Link href="/admin/topics/new" className={buttonClasses()}>
            トピックを追加
          </Link>
        }
      />
      <table className="w-full border-collapse text-std-16N-170">
        <caption className="sr-only">配信トピックの一覧</caption>
        <thead>
          <tr className="border-b-2 border-solid-gray-600 text-left">
            <th scope="col" className="p-2">トピック</th>
            <th scope="col" className="p-2">担当部署</th>
            <th scope="col" className="p-2">届く内容</th>
            <th scope="col" className="p-2">初期値</th>
            <th scope="col" className="p-2 text-right">受信中の友だち</th>
            <th scope="col" className="p-2">状態</th>
            <th scope="col" className="p-2"><span className="sr-only">操作</span></th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ topic, departmentName }) => (
            <tr key={topic.id} className="border-b border-solid-gray-200 align-top">
              <td className="p-2 font-bold"><span aria-hidden="true">{topic.icon} </span>{topic.name}</td>
              <td className="p-2">{departmentName}</td>
              <td className="p-2">{topic.description}</td>
              <td className="p-2">{topic.defaultOn ? "オン" : "オフ"}</td>
              <td className="p-2 text-right tabular-nums">{(counts.get(topic.id) ?? 0).toLocaleString("ja-JP")}人</td>
              <td className="p-2">{topic.active ? <Badge tone="success">利用中</Badge> : <Badge>停止中</Badge>}</td>
              <td className="p-2"><Link href={`/admin/topics/${topic.id}`}>編集<span className="sr-only">（{topic.name}）</span></Link></td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 ? <p className="mt-4">まだトピックがありません。</p> : null}
    </>
  );
}
