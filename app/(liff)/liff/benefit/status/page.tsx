import { BackToMenu, LinkButton, Notice, StepHeader } from "@/components/liff/ui";
import { FILING_STATUS_LABELS } from "@/lib/filings/rules";
import { filingPurpose, listOwnFilings } from "@/lib/filings/resident-operations";
import { requireResidentPage, runAsCurrentResident } from "@/lib/residents/current";
import { FilingAction } from "./filing-action";

export const dynamic = "force-dynamic";
export const metadata = { title: "もうしこみの じょうきょう" };

const STATUS_EN: Record<string, string> = {
  submitted: "Received, under review",
  returned: "Returned for correction",
  approved: "Approved, points coming soon",
  granted: "Points granted",
  rejected: "Rejected",
  withdrawn: "Withdrawn",
  closed_duplicate: "Closed as a duplicate",
};

const dateTime = new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit" });

export default async function BenefitStatus({ searchParams }: { searchParams: Promise<{ resubmit?: string; jpki?: string }> }) {
  await requireResidentPage("/liff/benefit/status");
  const { resubmit, jpki } = await searchParams;
  const result = await runAsCurrentResident(listOwnFilings, {});
  const filings = result.ok ? result.data : [];
  return (
    <>
      <StepHeader title="もうしこみの じょうきょう" en="Your applications" />
      {!result.ok ? <Notice tone="warn">{result.error}</Notice> : null}
      {jpki && jpki !== "verified" ? <Notice tone="warn">本人確認が できませんでした。もう一度 お試しください。（Verification failed.）</Notice> : null}
      {result.ok && filings.length === 0 ? <p>まだ もうしこみは ありません。（No applications yet.）</p> : null}
      <ul className="flex flex-col gap-4">
        {filings.map((filing) => (
          <li key={filing.id} className="flex flex-col gap-3 rounded-12 border-2 border-solid-gray-200 p-4" data-testid="own-filing">
            <h2 className="text-std-20B-150">{filing.programName}</h2>
            <p>
              受付番号 <strong>{filing.receiptNumber}</strong>・{filing.points.toLocaleString("ja-JP")}ポイント
            </p>
            <p className="text-std-20B-150 text-blue-1000" data-testid="own-filing-status">
              {FILING_STATUS_LABELS[filing.status]}
              <span className="block text-std-16N-170 text-solid-gray-700">{STATUS_EN[filing.status]}</span>
            </p>
            {filing.status === "returned" ? (
              <>
                <Notice tone="warn">
                  修正が ひつようです: {filing.decisionReason}
                  <span className="block text-std-16N-170">
                    もう一度 本人確認を してから 送りなおして ください。（Please verify again and resubmit.）
                  </span>
                </Notice>
                {resubmit === filing.id && jpki === "verified" ? (
                  <FilingAction filingId={filing.id} action="resubmit" label="送りなおす（Resubmit）" />
                ) : (
                  <LinkButton
                    href={`/api/jpki/start?${new URLSearchParams({ purpose: filingPurpose(filing.programId), returnTo: `/liff/benefit/status?resubmit=${filing.id}` })}`}
                  >
                    本人確認して 送りなおす（Verify and resubmit）
                  </LinkButton>
                )}
              </>
            ) : null}
            <details>
              <summary className="min-h-12 cursor-pointer py-2">これまでの ながれ（History）</summary>
              <ol className="flex flex-col gap-1 pl-2">
                {filing.events.map((event) => (
                  <li key={event.id}>
                    {dateTime.format(event.at)} {FILING_STATUS_LABELS[event.toStatus]}
                    {event.reason ? `（${event.reason}）` : ""}
                  </li>
                ))}
              </ol>
            </details>
            {filing.status === "submitted" || filing.status === "returned" ? (
              <FilingAction filingId={filing.id} action="withdraw" label="もうしこみを とりさげる（Withdraw）" secondary confirmText="本当に とりさげますか？（Withdraw this application?）" />
            ) : null}
          </li>
        ))}
      </ul>
      <BackToMenu />
    </>
  );
}
