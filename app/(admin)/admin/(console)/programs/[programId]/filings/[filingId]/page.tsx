import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { z } from "zod";
import { formatDateTime } from "@/components/admin/format";
import { DecisionForm, type Decision } from "@/components/filings/decision-form";
import { DecisionOutcome } from "@/components/filings/decision-outcome";
import { IdentityComparison } from "@/components/filings/identity-comparison";
import { openedFromQueue, queueFilterQuery, queueInputFromSearchParams } from "@/components/filings/queue-params";
import { CHANNEL_LABELS, PARTIAL_ADDRESS_LABEL, STATUS_TONES, points, wareki } from "@/components/filings/labels";
import { Badge } from "@/components/ui/badge";
import { runAsCurrentStaff } from "@/lib/auth/session";
import { compareIdentity } from "@/lib/filings/identity-compare";
import { FILING_STATUS_LABELS } from "@/lib/filings/rules";
import { getTownProfile } from "@/lib/programs/town";
import { IDENTITY_DOCUMENT_LABELS } from "@/lib/filings/validations";
import { viewFiling } from "@/lib/filings/views";
import { loadProgramPage } from "../../../load-program";
import { ProgramHeader } from "../../../program-header";

export const metadata: Metadata = { title: "申請の内容" };

const RESULT_LABELS = { pending: "結果待ち", granted: "付与済み", failed: "失敗" } as const;
const SEX_LABELS = { male: "男", female: "女", other: "その他" } as const;

/** Which decisions a filing in this state still allows (the rules in lib/filings/rules.ts). */
const OPEN_DECISIONS: Partial<Record<string, readonly Decision[]>> = { submitted: ["approve", "return", "reject"], returned: ["reject"] };

function actorOf(event: { staffName: string | null; fromStatus: string | null }, channel: string): string {
  if (event.staffName) return `${event.staffName}さん`;
  return channel === "line" ? "申請者（LINE）" : "システム";
}

export default async function FilingDetailPage({
  params,
  searchParams,
}: {
  params: Promise<{ programId: string; filingId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { programId, filingId } = await params;
  const { program, department, can } = await loadProgramPage(programId, "filing.view");
  if (!z.uuid().safeParse(filingId).success) notFound();
  const raw = await searchParams;
  const query = openedFromQueue(raw) ? queueFilterQuery(raw) : "";
  // Opened from the queue (its filters in the URL): 「次の申請へ」 walks that queue.
  const { cursor: _cursor, limit: _limit, ...queue } = queueInputFromSearchParams(program.id, raw);
  // Audited: each view of a filing's personal data is recorded.
  const outcome = await runAsCurrentStaff(viewFiling, { filingId, queue: query ? queue : undefined });
  if (!outcome.ok) {
    if (outcome.status === 403) forbidden();
    notFound();
  }
  const { filing, household, members, events, batchItems, verification, decidedByName, nextFilingId } = outcome.data;
  if (filing.programId !== program.id) notFound();
  const representative = members.find((m) => m.id === filing.representativeMemberId);
  const openDecisions = OPEN_DECISIONS[filing.status] ?? [];
  const queueHref = `/admin/programs/${program.id}/filings${query}`;
  // Counter staff may open a filing (from the counter) but not the review queue.
  const back = can("filing.list") ? { href: queueHref, label: "← 申請の一覧へ戻る" } : { href: `/admin/counter?program=${program.id}`, label: "← 窓口受付へ戻る" };

  return (
    <>
      <ProgramHeader program={program} departmentName={department.name} current="filings" can={can} title={`申請 ${filing.receiptNumber}`} />
      <nav aria-label="申請の移動" className="mb-4 flex flex-wrap justify-between gap-4">
        <Link href={back.href}>{back.label}</Link>
        {nextFilingId ? (
          <Link href={`/admin/programs/${program.id}/filings/${nextFilingId}${query}`} className="text-std-16B-170">
            次の申請へ →
          </Link>
        ) : query ? (
          <span className="text-solid-gray-700">この条件の申請は、これが最後です</span>
        ) : null}
      </nav>
      <div className="grid gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="flex flex-col gap-6">
          <section aria-labelledby="filing-summary" className="rounded-8 border border-solid-gray-200 bg-white p-5">
            <h2 id="filing-summary" className="mb-3 flex flex-wrap items-center gap-2 text-std-20B-150">
              申請の内容
              <Badge tone={STATUS_TONES[filing.status]}>{FILING_STATUS_LABELS[filing.status]}</Badge>
              {filing.duplicateSuspected ? <Badge tone="warning">重複の疑い</Badge> : null}
              {filing.addressMatch === "partial" ? <Badge tone="warning">{PARTIAL_ADDRESS_LABEL}</Badge> : null}
            </h2>
            <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-std-16N-170">
              <dt className="text-std-16B-170">受付番号</dt>
              <dd className="font-mono">{filing.receiptNumber}</dd>
              <dt className="text-std-16B-170">申請方法</dt>
              <dd>
                {CHANNEL_LABELS[filing.channel]}
                {filing.channel === "line" ? (filing.jpkiVerificationId ? "（マイナンバーカードで本人確認済み）" : "（公的個人認証なし）") : ""}
              </dd>
              {filing.identityDocument ? (
                <>
                  <dt className="text-std-16B-170">窓口での本人確認</dt>
                  <dd>{IDENTITY_DOCUMENT_LABELS[filing.identityDocument]}</dd>
                </>
              ) : null}
              <dt className="text-std-16B-170">申請日時</dt>
              <dd>{formatDateTime(filing.submittedAt)}</dd>
              <dt className="text-std-16B-170">代表者</dt>
              <dd>{representative ? `${representative.name}（${representative.nameKana}）` : "—"}</dd>
              <dt className="text-std-16B-170">付与ポイント</dt>
              <dd>{points(filing.points)}</dd>
              {filing.decisionReason ? (
                <>
                  <dt className="text-std-16B-170">理由</dt>
                  <dd className="whitespace-pre-wrap">{filing.decisionReason}</dd>
                </>
              ) : null}
            </dl>
          </section>
          {verification && representative ? (
            <IdentityComparison
              verifiedAt={verification.verifiedAt}
              rows={compareIdentity(verification, { name: representative.name, birthDate: representative.birthDate, address: household.address, sex: representative.sex }, getTownProfile())}
            />
          ) : null}
          <section aria-labelledby="filing-household" className="rounded-8 border border-solid-gray-200 bg-white p-5">
            <h2 id="filing-household" className="mb-3 text-std-20B-150">
              世帯（世帯番号 {household.householdCode}）
            </h2>
            <p className="mb-3 text-std-16N-170">{household.address}</p>
            <div className="relative overflow-x-auto">
            <table className="w-full border-collapse text-left text-std-16N-170">
              <caption className="sr-only">世帯の人</caption>
              <thead>
                <tr className="border-b border-solid-gray-200">
                  <th scope="col" className="py-2 pr-4">氏名</th>
                  <th scope="col" className="py-2 pr-4">カナ</th>
                  <th scope="col" className="py-2 pr-4">生年月日</th>
                  <th scope="col" className="py-2 pr-4">性別</th>
                  <th scope="col" className="py-2">続柄</th>
                </tr>
              </thead>
              <tbody>
                {members.map((m) => (
                  <tr key={m.id} className="border-b border-solid-gray-100">
                    <td className="py-2 pr-4">
                      {m.name}
                      {m.id === filing.representativeMemberId ? <span className="ml-2 text-std-16B-170 text-blue-1000">代表者</span> : null}
                    </td>
                    <td className="py-2 pr-4">{m.nameKana}</td>
                    <td className="py-2 pr-4">{wareki(m.birthDate)}</td>
                    <td className="py-2 pr-4">{SEX_LABELS[m.sex]}</td>
                    <td className="py-2">{m.relationship || (m.isHead ? "世帯主" : "世帯員")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            </div>
          </section>
          <section aria-labelledby="filing-history" className="rounded-8 border border-solid-gray-200 bg-white p-5">
            <h2 id="filing-history" className="mb-3 text-std-20B-150">
              履歴
            </h2>
            <ol className="flex flex-col gap-2 text-std-16N-170">
              {events.map((e) => (
                <li key={e.id} className="border-l-4 border-solid-gray-200 pl-3">
                  <span className="text-std-16B-170">{formatDateTime(e.at)}</span>　{e.fromStatus ? `${FILING_STATUS_LABELS[e.fromStatus]} → ` : ""}
                  {FILING_STATUS_LABELS[e.toStatus]}
                  <span className="block text-solid-gray-800">{actorOf(e, filing.channel)}</span>
                  {e.reason ? <span className="block whitespace-pre-wrap text-solid-gray-800">{e.reason}</span> : null}
                </li>
              ))}
            </ol>
            {batchItems.length > 0 ? (
              <>
                <h3 className="mb-2 mt-4 text-std-18B-160">給付バッチ</h3>
                <ul className="text-std-16N-170">
                  {batchItems.map((item) => (
                    <li key={item.id}>
                      <Link href={`/admin/programs/${program.id}/batches/${item.batchId}`}>バッチを見る</Link>：{points(item.points)}・{RESULT_LABELS[item.result]}
                      {item.failureReason ? `（${item.failureReason}）` : ""}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>
        </div>
        {can("filing.decide") ? (
          <section aria-labelledby="filing-decision" className="flex h-fit flex-col gap-4 rounded-8 border-2 border-blue-900 bg-white p-5">
            <h2 id="filing-decision" className="text-std-20B-150">
              審査
            </h2>
            {filing.status !== "submitted" ? (
              <DecisionOutcome
                status={filing.status}
                channel={filing.channel}
                decidedAt={filing.decidedAt}
                decidedByName={decidedByName}
                reason={filing.decisionReason}
                links={[
                  ...(nextFilingId ? [{ href: `/admin/programs/${program.id}/filings/${nextFilingId}${query}`, label: "次の申請へ" }] : []),
                  ...(filing.status === "approved" && can("grant.batch") ? [{ href: `/admin/programs/${program.id}/batches`, label: "給付バッチを開く" }] : []),
                  ...(filing.status === "approved" ? [{ href: `/admin/programs/${program.id}/duplicates`, label: "重複の確認を開く" }] : []),
                ]}
              />
            ) : null}
            {openDecisions.length > 0 ? (
              <DecisionForm key={filing.status} filingId={filing.id} allowed={openDecisions} lineFiler={filing.channel === "line"} />
            ) : null}
          </section>
        ) : null}
      </div>
    </>
  );
}
