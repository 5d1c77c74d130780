import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { canUseSomewhere, departmentsFor } from "@/lib/auth/permissions";
import { requireStaffPage } from "@/lib/auth/session";
import { STATUS_LABELS } from "@/lib/segments/labels";
import { getBroadcastsByDepartments, getEmergencyState } from "@/lib/segments/queries";
import { EmergencyPanel } from "./emergency-panel";

export const metadata: Metadata = { title: "配信" };

const dateTime = new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", dateStyle: "medium", timeStyle: "short" });

export default async function BroadcastsPage() {
  const actor = await requireStaffPage("broadcast.view");
  const db = await getDb();
  const rows = await getBroadcastsByDepartments(db, { departmentIds: departmentsFor(actor, "broadcast.view") });
  const emergency = canUseSomewhere(actor, "emergency.manage") ? await getEmergencyState(db) : null;
  return (
    <>
      <PageHeader
        title="配信"
        description="受信設定でトピックを選んだ住民に LINE でお知らせを送ります。"
        actions={
          canUseSomewhere(actor, "broadcast.compose") ? (
            <Link href="/admin/broadcasts/new" className={buttonClasses()}>
              配信を作成
            </Link>
          ) : null
        }
      />
      {emergency ? <EmergencyPanel active={emergency.active} /> : null}
      <table className="mt-6 w-full border-collapse text-std-16N-170">
        <caption className="sr-only">配信の一覧（新しい順）</caption>
        <thead>
          <tr className="border-b-2 border-solid-gray-600 text-left">
            <th scope="col" className="p-2">件名</th>
            <th scope="col" className="p-2">部署</th>
            <th scope="col" className="p-2">状態</th>
            <th scope="col" className="p-2 text-right">配信対象</th>
            <th scope="col" className="p-2">作成・予約</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ broadcast, departmentName }) => (
            <tr key={broadcast.id} className="border-b border-solid-gray-200">
              <td className="p-2">
                <Link href={`/admin/broadcasts/${broadcast.id}`}>{broadcast.title}</Link>
                {broadcast.emergency ? <span className="ml-2"><Badge tone="error">防災</Badge></span> : null}
              </td>
              <td className="p-2">{departmentName}</td>
              <td className="p-2"><Badge tone={broadcast.status === "sent" ? "success" : broadcast.status === "pending_approval" ? "warning" : "neutral"}>{STATUS_LABELS[broadcast.status]}</Badge></td>
              <td className="p-2 text-right tabular-nums">{broadcast.recipientCount === null ? "—" : `${broadcast.recipientCount.toLocaleString("ja-JP")}人`}</td>
              <td className="p-2">{dateTime.format(broadcast.createdAt)}{broadcast.scheduledAt ? `（予約 ${dateTime.format(broadcast.scheduledAt)}）` : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 ? <p className="mt-4">まだ配信はありません。</p> : null}
    </>
  );
}
