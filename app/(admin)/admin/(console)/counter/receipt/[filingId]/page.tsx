import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { z } from "zod";
import { CHANNEL_LABELS, points, warekiOfInstant } from "@/components/filings/labels";
import { PrintButton } from "@/components/filings/print-button";
import { RECEIPT_PRINT_CSS, receiptTime } from "@/components/review/receipt-print";
import { buttonClasses } from "@/components/ui/button";
import { getDb } from "@/db";
import { requireStaffPage, runAsCurrentStaff } from "@/lib/auth/session";
import { getConfig } from "@/lib/config/env";
import { getDepartmentById } from "@/lib/departments/queries";
import { viewFiling } from "@/lib/filings/views";
import { IDENTITY_DOCUMENT_LABELS } from "@/lib/filings/validations";
import { getProgramById } from "@/lib/programs/queries";

export const metadata: Metadata = { title: "受付票" };

export default async function ReceiptPage({ params, searchParams }: { params: Promise<{ filingId: string }>; searchParams: Promise<{ program?: string }> }) {
  await requireStaffPage("filing.view");
  const { filingId } = await params;
  const { program: programParam } = await searchParams;
  if (!z.uuid().safeParse(filingId).success) notFound();
  const outcome = await runAsCurrentStaff(viewFiling, { filingId });
  if (!outcome.ok) {
    if (outcome.status === 403) forbidden();
    notFound();
  }
  const { filing, household, members, events } = outcome.data;
  // A returned filing resubmitted (at the counter or over LINE): the receipt says when.
  const resubmittedAt = events.findLast((e) => e.fromStatus === "returned" && e.toStatus === "submitted")?.at ?? null;
  const db = await getDb();
  const program = (await getProgramById(db, { programId: filing.programId }))!;
  const department = await getDepartmentById(db, { departmentId: program.departmentId });
  const representative = members.find((m) => m.id === filing.representativeMemberId)!;
  const town = getConfig().TOWN_NAME;
  const back = `/admin/counter${programParam ? `?program=${encodeURIComponent(programParam)}` : ""}`;

  return (
    <>
      <style>{RECEIPT_PRINT_CSS}</style>
      <div className="no-print mb-6 flex flex-wrap items-center gap-3">
        <PrintButton />
        <Link href={back} className={buttonClasses({ variant: "secondary", size: "lg" })}>
          次の方の受付へ
        </Link>
      </div>
      <article id="receipt" className="max-w-2xl rounded-8 border-2 border-solid-gray-900 bg-white p-8 text-solid-gray-900" data-testid="receipt">
        <p className="text-std-16N-170">{town}役場 {department?.name}</p>
        <h1 className="mt-1 text-std-28B-150">{program.name} 申請受付票</h1>
        <dl className="mt-6 grid grid-cols-[auto_1fr] gap-x-6 gap-y-3 text-std-18B-160">
          <dt>受付番号</dt>
          <dd className="font-mono text-std-28B-150" data-testid="receipt-number">
            {filing.receiptNumber}
          </dd>
          <dt>受付日</dt>
          <dd className="font-normal">
            {warekiOfInstant(filing.submittedAt)} {receiptTime.format(filing.submittedAt)}（{CHANNEL_LABELS[filing.channel]}）
          </dd>
          {resubmittedAt ? (
            <>
              <dt>再提出日</dt>
              <dd className="font-normal" data-testid="receipt-resubmitted">
                {warekiOfInstant(resubmittedAt)} {receiptTime.format(resubmittedAt)}
              </dd>
            </>
          ) : null}
          <dt>世帯</dt>
          <dd className="font-normal">
            世帯番号 {household.householdCode}
            <span className="block">{household.address}</span>
          </dd>
          <dt>代表者</dt>
          <dd className="font-normal">{representative.name} 様</dd>
          <dt>世帯の人数</dt>
          <dd className="font-normal">{household.memberCount}人</dd>
          <dt>付与ポイント</dt>
          <dd>{points(filing.points)}</dd>
          {filing.identityDocument ? (
            <>
              <dt>本人確認</dt>
              <dd className="font-normal">{IDENTITY_DOCUMENT_LABELS[filing.identityDocument]}</dd>
            </>
          ) : null}
        </dl>
        <p className="mt-6 rounded-8 border border-solid-gray-420 p-4 text-std-18B-160">
          ポイントは{representative.name}様の{getConfig().EMONEY_NAME}に付与されます。
        </p>
        <p className="mt-3 text-std-16N-170">
          審査が終わり次第、付与します。お問い合わせの際は受付番号をお伝えください。
          {department?.phone ? `（${department.name} ${department.phone}）` : ""}
        </p>
      </article>
    </>
  );
}
