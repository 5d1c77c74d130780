"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { formatDateTime } from "@/components/admin/format";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { TextareaField } from "@/components/ui/textarea-field";
import type { FilingChannel, FilingStatus } from "@/db/schema/filings";
import { dismissDuplicateGroupAction, resolveDuplicateGroupAction } from "@/lib/filings/actions";
import { FILING_STATUS_LABELS } from "@/lib/filings/rules";
import { CHANNEL_LABELS, wareki } from "./labels";

export type DuplicateFiling = {
  id: string;
  receiptNumber: string;
  channel: FilingChannel;
  status: FilingStatus;
  duplicateSuspected: boolean;
  submittedAt: Date;
  householdCode: string;
  address: string;
  representativeName: string;
  representativeKana: string;
  birthDate: string;
};

const DEFAULT_CLOSE_REASON = "同じ世帯から別の申請を受け付けているため、この申請は取りまとめました。給付は先の申請に対して行います。";

/** One suspected group side by side: keep one and close the others (never the whole household), or clear it. */
/** The open groups plus the outcome of the last action, which stays on screen after its group is gone. */
export function DuplicateGroups({ groups }: { groups: DuplicateFiling[][] }) {
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <div className="flex flex-col gap-6">
      {notice ? <Alert tone="success" title={notice} /> : null}
      {groups.length === 0 ? (
        <p className="rounded-8 border border-solid-gray-200 bg-white p-6 text-std-16N-170">確認が必要な重複の疑いはありません。</p>
      ) : (
        groups.map((group, index) => <DuplicateGroup key={group.map((f) => f.id).join(",")} index={index} filings={group} onDone={setNotice} />)
      )}
    </div>
  );
}

export function DuplicateGroup({ index, filings, onDone }: { index: number; filings: DuplicateFiling[]; onDone?: (message: string) => void }) {
  const router = useRouter();
  const [keep, setKeep] = useState(filings[0]!.id);
  const [reason, setReason] = useState(DEFAULT_CLOSE_REASON);
  const [dismissReason, setDismissReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const run = async (work: () => Promise<{ ok: boolean; error?: string }>, message: string) => {
    setPending(true);
    setError(null);
    try {
      const result = await work();
      if (!result.ok) setError(result.error ?? "処理できませんでした。");
      else {
        onDone?.(message);
        router.refresh();
      }
    } finally {
      setPending(false);
    }
  };
  const rows: [string, (f: DuplicateFiling) => React.ReactNode][] = [
    ["受付番号", (f) => <span className="font-mono">{f.receiptNumber}</span>],
    ["方法", (f) => CHANNEL_LABELS[f.channel]],
    ["状態", (f) => FILING_STATUS_LABELS[f.status]],
    ["代表者", (f) => f.representativeName],
    ["カナ", (f) => f.representativeKana],
    ["生年月日", (f) => wareki(f.birthDate)],
    ["住所", (f) => f.address],
    ["世帯番号", (f) => f.householdCode],
    ["申請日時", (f) => formatDateTime(f.submittedAt)],
  ];
  const headingId = `dup-group-${index}`;

  return (
    <section aria-labelledby={headingId} className="rounded-8 border-2 border-warning-yellow-2 bg-white p-5" data-testid="duplicate-group">
      <h2 id={headingId} className="mb-3 text-std-20B-150">
        重複の疑い {index + 1}（{filings.length}件）
      </h2>
      {error ? <Alert tone="error" title={error} /> : null}
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-left text-std-16N-170">
          <caption className="sr-only">重複の疑いがある申請の比較</caption>
          <thead>
            <tr>
              <th scope="col" className="w-32 border-b border-solid-gray-200 py-2 pr-4">
                項目
              </th>
              {filings.map((f) => (
                <th key={f.id} scope="col" className="border-b border-solid-gray-200 py-2 pr-4">
                  <label className="inline-flex items-center gap-2 text-std-16B-170">
                    <input type="radio" name={`keep-${index}`} checked={keep === f.id} onChange={() => setKeep(f.id)} className="size-5 accent-blue-900" />
                    この申請を残す
                  </label>
                  {keep === f.id ? (
                    <Badge tone="success">残す</Badge>
                  ) : (
                    <Badge tone="neutral">取りまとめ（終了）</Badge>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, render]) => (
              <tr key={label} className="border-b border-solid-gray-100">
                <th scope="row" className="py-2 pr-4 text-std-16B-170">
                  {label}
                </th>
                {filings.map((f) => (
                  <td key={f.id} className="py-2 pr-4 align-top">
                    {render(f)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="mt-4 grid gap-6 lg:grid-cols-2">
        <div className="flex flex-col gap-3">
          <TextareaField label="取りまとめる申請の理由（LINEで申請した方に届きます）" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
          <div>
            <Button
              disabled={pending}
              onClick={() =>
                run(
                  () => resolveDuplicateGroupAction({ keepFilingId: keep, closeFilingIds: filings.filter((f) => f.id !== keep).map((f) => f.id), reason }),
                  `${filings.find((f) => f.id === keep)?.receiptNumber} を残し、ほかの${filings.length - 1}件を取りまとめました。LINEで申請した方には理由をお知らせします。`,
                )
              }
            >
              選んだ1件を残し、ほかを取りまとめる
            </Button>
          </div>
        </div>
        <div className="flex flex-col gap-3">
          <TextareaField
            label="重複ではない理由（記録に残ります）"
            rows={3}
            value={dismissReason}
            onChange={(e) => setDismissReason(e.target.value)}
            hint="例: 同じ建物の別の世帯で、別人と確認した"
          />
          <div>
            <Button variant="secondary" disabled={pending} onClick={() =>
                run(() => dismissDuplicateGroupAction({ filingIds: filings.map((f) => f.id), reason: dismissReason }), `${filings.length}件を重複ではないと記録しました。以後の確認では対象になりません。`)
              }>
              重複ではない（すべて残す）
            </Button>
          </div>
        </div>
      </div>
    </section>
  );
}
