import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { LinePreview } from "@/components/admin/line-preview";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { canInDepartment } from "@/lib/auth/permissions";
import { requireStaffPage } from "@/lib/auth/session";
import { FILING_STATUS_LABELS } from "@/lib/filings/rules";
import { STATUS_LABELS } from "@/lib/segments/labels";
import { SEGMENT_MESSAGES } from "@/lib/segments/messages";
import { getBroadcastAudit, getBroadcastById, getBroadcastDelivery, getBroadcastLinks, getTopicsByDepartments } from "@/lib/segments/queries";
import { BroadcastActions } from "./broadcast-actions";

export const metadata: Metadata = { title: "配信の詳細" };
export const dynamic = "force-dynamic";

const dateTime = new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", dateStyle: "medium", timeStyle: "short" });

export default async function BroadcastPage({ params }: { params: Promise<{ broadcastId: string }> }) {
  const actor = await requireStaffPage("broadcast.view");
  const parsed = z.uuid().safeParse((await params).broadcastId);
  const db = await getDb();
  const broadcast = parsed.success ? await getBroadcastById(db, { broadcastId: parsed.data }) : null;
  if (!broadcast || !canInDepartment(actor, "broadcast.view", broadcast.departmentId)) notFound();
  const [delivery, links, history, topics] = await Promise.all([
    getBroadcastDelivery(db, { broadcastId: broadcast.id }),
    getBroadcastLinks(db, { broadcastId: broadcast.id }),
    getBroadcastAudit(db, { broadcastId: broadcast.id }),
    getTopicsByDepartments(db, { departmentIds: [broadcast.departmentId] }),
  ]);
  const topicNames = topics.filter(({ topic }) => broadcast.topicIds.includes(topic.id)).map(({ topic }) => `${topic.icon} ${topic.name}`);
  const f = broadcast.filters;
  const filters = [
    f.ageMin != null || f.ageMax != null ? `年齢 ${f.ageMin ?? 0}〜${f.ageMax ?? ""}歳（本人確認済み）` : null,
    f.programId ? `給付事業に申請した人${f.filingStatus ? `（${FILING_STATUS_LABELS[f.filingStatus as keyof typeof FILING_STATUS_LABELS] ?? f.filingStatus}）` : ""}` : null,
  ].filter(Boolean);
  const versions = [
    { label: "日本語", text: broadcast.text, locale: "ja" as const },
    ...(broadcast.textEasy ? [{ label: "やさしい日本語", text: broadcast.textEasy, locale: "ja-easy" as const }] : []),
    ...(broadcast.textEn ? [{ label: "English", text: broadcast.textEn, locale: "en" as const }] : []),
  ];
  return (
    <>
      <PageHeader title={broadcast.title} actions={<Link href="/admin/broadcasts">配信一覧へ戻る</Link>} />
      <div className="flex flex-col gap-8">
        <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-2 text-std-16N-170">
          <dt className="font-bold">状態</dt>
          <dd><Badge tone={broadcast.status === "sent" ? "success" : "neutral"}>{STATUS_LABELS[broadcast.status]}</Badge>{broadcast.emergency ? <span className="ml-2"><Badge tone="error">防災モード（全員）</Badge></span> : null}</dd>
          <dt className="font-bold">配信するトピック</dt>
          <dd>{broadcast.emergency ? "すべての友だち" : topicNames.join("、")}</dd>
          <dt className="font-bold">絞り込み</dt>
          <dd>{filters.length > 0 ? filters.join("／") : "なし"}</dd>
          <dt className="font-bold">予約</dt>
          <dd>{broadcast.scheduledAt ? dateTime.format(broadcast.scheduledAt) : "なし（送信の操作ですぐ送信）"}</dd>
        </dl>
        <section aria-labelledby="delivery-heading" className="flex flex-col gap-2">
          <h2 id="delivery-heading" className="text-std-20B-150">配信結果</h2>
          <dl className="grid grid-cols-4 gap-4 text-center" data-testid="delivery">
            {[["配信対象", delivery.recipients], ["送信済み", delivery.delivered], ["失敗", delivery.failed], ["送信待ち", delivery.pending]].map(([label, value]) => (
              <div key={label} className="rounded-8 border border-solid-gray-420 p-3">
                <dt className="text-std-16N-170">{label}</dt>
                <dd className="text-std-24B-150 tabular-nums">{Number(value).toLocaleString("ja-JP")}</dd>
              </div>
            ))}
          </dl>
          <p className="text-std-16N-170 text-solid-gray-700">ブロック中・受信設定で選んでいない住民には送りません。1人に1通だけ届きます。</p>
        </section>
        <BroadcastActions
          broadcastId={broadcast.id}
          status={broadcast.status}
          scheduled={Boolean(broadcast.scheduledAt)}
          canCompose={canInDepartment(actor, "broadcast.compose", broadcast.departmentId)}
          canSend={canInDepartment(actor, "broadcast.send", broadcast.departmentId)}
        />
        <section aria-labelledby="preview-heading" className="flex flex-col gap-3">
          <h2 id="preview-heading" className="text-std-20B-150">内容</h2>
          <div className="flex flex-wrap gap-6">
            {versions.map((v) => (
              <LinePreview key={v.locale} label={v.label} text={v.text} imageUrl={broadcast.imageUrl} imageAlt={broadcast.imageAlt} buttonLabel={broadcast.buttonLabel} buttonPrompt={SEGMENT_MESSAGES[v.locale].line.buttonPrompt} />
            ))}
          </div>
        </section>
        <section aria-labelledby="links-heading" className="flex flex-col gap-2">
          <h2 id="links-heading" className="text-std-20B-150">リンクのクリック数</h2>
          {links.length === 0 ? <p>リンクはありません。</p> : (
            <table className="w-full border-collapse text-std-16N-170">
              <thead><tr className="border-b-2 border-solid-gray-600 text-left"><th scope="col" className="p-2">リンク先</th><th scope="col" className="p-2 text-right">クリック</th></tr></thead>
              <tbody>{links.map((link) => <tr key={link.id} className="border-b border-solid-gray-200"><td className="break-all p-2">{link.url}</td><td className="p-2 text-right tabular-nums">{link.clicks.toLocaleString("ja-JP")}</td></tr>)}</tbody>
            </table>
          )}
        </section>
        <section aria-labelledby="history-heading" className="flex flex-col gap-2">
          <h2 id="history-heading" className="text-std-20B-150">操作の履歴</h2>
          <ol className="flex flex-col gap-1 text-std-16N-170">
            {history.map((entry) => (
              <li key={entry.id}>{dateTime.format(entry.at)} — {entry.actorLabel ?? "システム"}：{ACTION_LABELS[entry.action] ?? entry.action}</li>
            ))}
          </ol>
        </section>
      </div>
    </>
  );
}

const ACTION_LABELS: Record<string, string> = {
  "broadcast.compose": "作成",
  "broadcast.submit": "承認を依頼",
  "broadcast.send": "承認して送信",
  "broadcast.schedule": "承認して予約",
  "broadcast.cancel": "取り消し",
};
