import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { formatDateTime } from "@/components/admin/format";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { requireStaffPage, runAsCurrentStaff } from "@/lib/auth/session";
import type { InboxKind } from "@/lib/inbox/queries";
import { viewInbox } from "@/lib/inbox/view";

export const metadata: Metadata = { title: "受信箱" };

const KIND_LABELS: Record<InboxKind, { type: string; todo: string; tone: "info" | "warning" | "success" }> = {
  filing_review: { type: "給付申請", todo: "審査", tone: "info" },
  submission_review: { type: "電子申請", todo: "審査", tone: "info" },
  submission_fee: { type: "電子申請", todo: "手数料の確定", tone: "warning" },
  submission_completion: { type: "電子申請", todo: "交付・発送", tone: "success" },
};

/** Everything awaiting the staff member's departments, oldest first: benefit filings and form submissions together. */
export default async function InboxPage() {
  await requireStaffPage("form.view");
  const result = await runAsCurrentStaff(viewInbox, {});
  if (!result.ok) {
    if (result.status === 403) forbidden();
    throw new Error(result.error);
  }
  const items = result.data;
  return (
    <>
      <PageHeader title="受信箱" description="所属する部署で対応を待っている申請です（給付申請と電子申請）。古い順に並んでいます。受付番号を開いて対応してください。" />
      {items.length === 0 ? (
        <Alert tone="success" title="対応を待っている申請はありません。" />
      ) : (
        <div className="relative overflow-x-auto rounded-8 border border-solid-gray-200 bg-white">
          <table className="w-full border-collapse text-left text-std-16N-170">
            <caption className="sr-only">対応を待っている申請（{items.length}件）</caption>
            <thead className="bg-solid-gray-50">
              <tr>
                {["種類", "対応", "受付番号", "件名", "申請者", "待ち始め"].map((h) => (
                  <th key={h} scope="col" className="border-b border-solid-gray-200 px-4 py-3 text-std-16B-170 text-solid-gray-800">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={`${item.kind}:${item.id}`} className="border-b border-solid-gray-100">
                  <td className="px-4 py-3">{KIND_LABELS[item.kind].type}</td>
                  <td className="px-4 py-3">
                    <Badge tone={KIND_LABELS[item.kind].tone}>{KIND_LABELS[item.kind].todo}</Badge>
                  </td>
                  <td className="px-4 py-3">
                    <Link href={item.href} className="whitespace-nowrap font-mono text-std-16B-170">
                      {item.reference}
                    </Link>
                  </td>
                  <td className="px-4 py-3">{item.title}</td>
                  <td className="px-4 py-3">{item.name ?? "—"}</td>
                  <td className="px-4 py-3 whitespace-nowrap">{formatDateTime(item.since)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
