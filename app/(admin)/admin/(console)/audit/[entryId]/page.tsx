import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound, redirect } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { actionLabel } from "@/lib/audit-viewer/csv";
import { ACTOR_TYPE_LABELS, formatJstDateTime, formatWarekiDateTime } from "@/lib/audit-viewer/format";
import { viewAuditEntry } from "@/lib/audit-viewer/operations";
import { requireStaffPage, runAsCurrentStaff } from "@/lib/auth/session";

export const metadata: Metadata = { title: "監査ログの詳細" };

function changedKeys(before: unknown, after: unknown): string[] {
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === "object" && value !== null && !Array.isArray(value);
  if (!isObject(before) || !isObject(after)) return [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key])).sort();
}

function JsonBlock({ id, title, value }: { id: string; title: string; value: unknown }) {
  return (
    <section className="min-w-0 flex-1">
      <h2 id={id} className="mb-2 text-std-20B-150">
        {title}
      </h2>
      {value === null || value === undefined ? (
        <p className="text-solid-gray-700">記録なし</p>
      ) : (
        // Focusable so that keyboard users can scroll long records.
        <pre
          role="region"
          aria-labelledby={id}
          tabIndex={0}
          className="max-h-[32rem] overflow-auto rounded-8 border border-solid-gray-200 bg-solid-gray-50 p-4 text-std-16N-170 whitespace-pre-wrap break-all"
        >
          {JSON.stringify(value, null, 2)}
        </pre>
      )}
    </section>
  );
}

export default async function AuditEntryPage({ params }: { params: Promise<{ entryId: string }> }) {
  await requireStaffPage("audit.search");
  const { entryId } = await params;
  // Audited as audit.view: before/after may hold personal data.
  const result = await runAsCurrentStaff(viewAuditEntry, { entryId });
  if (!result.ok) {
    if (result.status === 401) redirect("/admin/login");
    if (result.status === 403) forbidden();
    if (result.status === 404 || result.status === 400) notFound();
    throw new Error(result.error);
  }
  const entry = result.data;
  const changed = changedKeys(entry.before, entry.after);
  const rows: [string, React.ReactNode][] = [
    ["記録番号", entry.id],
    ["日時", `${formatWarekiDateTime(entry.at)}（${formatJstDateTime(entry.at)} 日本時間）`],
    ["操作者", `${entry.actorLabel ?? "—"}（${ACTOR_TYPE_LABELS[entry.actorType] ?? entry.actorType}）`],
    ["操作者ID", entry.actorId ?? "—"],
    ["操作", `${actionLabel(entry.action) || entry.action}（${entry.action}）`],
    ["対象", entry.entityId ? `${entry.entity} / ${entry.entityId}` : entry.entity],
    ["部署", entry.departmentName ?? "—"],
    ["リクエストID", entry.requestId ?? "—"],
  ];
  return (
    <>
      <PageHeader title={`監査ログの詳細（記録番号 ${entry.id}）`} actions={<Link href="/admin/audit">監査ログの一覧へ戻る</Link>} />
      <dl className="grid grid-cols-[12rem_1fr] gap-x-6 gap-y-2 rounded-8 border border-solid-gray-200 bg-white p-6">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-std-16B-170 text-solid-gray-800">{label}</dt>
            <dd className="break-all">{value}</dd>
          </div>
        ))}
      </dl>
      {changed.length > 0 ? (
        <p className="mt-6">
          <span className="text-std-16B-170">変更された項目: </span>
          {changed.join("、")}
        </p>
      ) : null}
      <div className="mt-6 flex flex-col gap-6 lg:flex-row">
        <JsonBlock id="audit-before" title="変更前" value={entry.before} />
        <JsonBlock id="audit-after" title="変更後" value={entry.after} />
      </div>
    </>
  );
}
