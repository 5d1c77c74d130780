import Link from "next/link";
import { formatDateTime } from "@/components/admin/format";
import type { FilingChannel, FilingStatus } from "@/db/schema/filings";
import { FILING_STATUS_LABELS } from "@/lib/filings/rules";

const VERB: Partial<Record<FilingStatus, string>> = {
  approved: "承認しました",
  rejected: "却下しました",
  returned: "差し戻しました",
  closed_duplicate: "重複のため取りまとめました",
};

/** What can still be done with a filing in this state, in words staff can act on. */
export function nextStepsFor(status: FilingStatus, channel: FilingChannel): string {
  switch (status) {
    case "returned":
      return channel === "line"
        ? "申請者がLINEで本人確認をやり直して再提出すると、審査待ちに戻ります。再提出の見込みがない場合は、下で却下できます。"
        : "申請者が窓口に再度来たときに、窓口で再提出すると審査待ちに戻ります。再提出の見込みがない場合は、下で却下できます。";
    case "approved":
      return "次の給付バッチに入ります。承認は取り消せません。同じ世帯の重複が見つかったときは「重複の確認」で取りまとめます。";
    case "granted":
      return "ポイントの付与が終わっています。これ以上の操作はありません。";
    case "rejected":
      return "却下は取り消せません。世帯から改めて申請があれば、新しい申請として受け付けます。";
    case "withdrawn":
      return "申請者が取り下げました。世帯から改めて申請があれば、新しい申請として受け付けます。";
    case "closed_duplicate":
      return "同じ世帯の別の申請を残しました。この申請にはこれ以上の操作はありません。";
    default:
      return "";
  }
}

/** Shown instead of the decision form once a filing is decided: who decided, when, why, and what is left to do. */
export function DecisionOutcome({
  status,
  channel,
  decidedAt,
  decidedByName,
  reason,
  links,
}: {
  status: FilingStatus;
  channel: FilingChannel;
  decidedAt: Date | null;
  decidedByName: string | null;
  reason: string | null;
  links: { href: string; label: string }[];
}) {
  const verb = VERB[status];
  return (
    <div className="flex flex-col gap-3 text-std-16N-170" role="status">
      <p className="text-std-18B-160">
        {verb && decidedAt ? `${formatDateTime(decidedAt)}に${decidedByName ?? "職員"}さんが${verb}。` : `この申請は「${FILING_STATUS_LABELS[status]}」です。`}
      </p>
      {reason ? (
        <div>
          <p className="text-std-16B-170">理由</p>
          <p className="whitespace-pre-wrap">{reason}</p>
        </div>
      ) : null}
      <p>{nextStepsFor(status, channel)}</p>
      {links.length > 0 ? (
        <ul className="flex flex-col gap-1">
          {links.map((link) => (
            <li key={link.href}>
              <Link href={link.href}>{link.label}</Link>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
