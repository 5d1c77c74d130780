import Link from "next/link";
import { notFound } from "next/navigation";
import { BackToMenu, Ja, Notice, StepHeader } from "@/components/liff/ui";
import { EmoneyBox } from "@/components/liff/emoney-box";
import { viewOwnReceipt } from "@/lib/filings/resident-queries";
import { emoneyGuidanceFor, programNameFor } from "@/lib/filings/resident-texts";
import { rubyFor } from "@/components/liff/furigana";
import { getResidentMessages, residentTitle } from "@/lib/i18n/resident";
import { residentFailureText } from "@/lib/i18n/resident-errors";
import { requireResidentPage, runAsCurrentResident } from "@/lib/residents/current";

export const dynamic = "force-dynamic";
export const generateMetadata = residentTitle((t) => t.benefit.receipt.metaTitle);

/**
 * The receipt of one filing, at a URL of its own: shown right after 「この内容で申し込む」, again from the status
 * page, and the same on refresh or when reopened from LINE (it reads the filing, it never files).
 */
export default async function BenefitReceipt({ params }: { params: Promise<{ filingId: string }> }) {
  const { filingId } = await params;
  await requireResidentPage(`/liff/benefit/receipt/${filingId}`);
  if (!/^[0-9a-f-]{36}$/.test(filingId)) notFound();
  const viewed = await runAsCurrentResident(viewOwnReceipt, { filingId });
  const { locale, t } = await getResidentMessages();
  const r = rubyFor(locale);
  const m = t.benefit.receipt;
  if (!viewed.ok) {
    if (viewed.status === 404) notFound();
    const failure = residentFailureText(t, viewed);
    return (
      <>
        <StepHeader title={r(m.metaTitle)} />
        <Notice tone="warn">
          <span lang={failure.lang}>{failure.text}</span>
        </Notice>
        <BackToMenu label={r(t.common.backToMenu)} />
      </>
    );
  }
  const receipt = viewed.data;
  const emoney = emoneyGuidanceFor(receipt.program, locale);
  return (
    <>
      <StepHeader title={receipt.status === "submitted" ? m.title : m.metaTitle} />
      <div data-testid="filing-receipt" className="flex flex-col gap-4">
        <Notice tone="ok">
          <p>{r(m.receiptNumber)}</p>
          <p className="text-std-28B-150 tracking-wider" data-testid="receipt-number">
            {receipt.receiptNumber}
          </p>
        </Notice>
        <dl className="flex flex-col gap-3 rounded-12 bg-solid-gray-50 p-4">
          <div>
            <dt className="text-std-16B-170">{r(m.program)}</dt>
            <dd>
              <Ja>{r(programNameFor(receipt.program, locale))}</Ja>
            </dd>
          </div>
          <div>
            <dt className="text-std-16B-170">{r(m.submittedAt)}</dt>
            <dd>{r(t.common.dateTime(receipt.submittedAt))}</dd>
          </div>
          <div>
            <dt className="text-std-16B-170">{r(m.points)}</dt>
            <dd className="text-std-20B-150">{r(t.common.points(receipt.points))}</dd>
          </div>
          <div>
            <dt className="text-std-16B-170">{r(m.status)}</dt>
            <dd className="text-std-20B-150 text-blue-1000" data-testid="receipt-status">
              {r(t.benefit.status.statuses[receipt.status])}
            </dd>
          </div>
        </dl>
        {emoney && (receipt.status === "submitted" || receipt.status === "returned" || receipt.status === "approved") ? (
          <EmoneyBox emoney={emoney} labels={t.benefit.emoney} r={r} />
        ) : null}
        <section aria-labelledby="receipt-next" className="flex flex-col gap-2">
          <h2 id="receipt-next" className="text-std-20B-150">
            {r(m.nextTitle)}
          </h2>
          <p>{r(m.next[receipt.status])}</p>
          {receipt.status === "submitted" || receipt.status === "returned" ? <p>{r(m.closesAt(receipt.program.filingClosesAt))}</p> : null}
          <p className="text-std-16N-170 text-solid-gray-700">{r(m.keep)}</p>
        </section>
      </div>
      <Link href="/liff/benefit/status" className="text-std-18N-160">
        {r(m.seeStatus)}
      </Link>
      <BackToMenu label={r(t.common.backToMenu)} />
    </>
  );
}
