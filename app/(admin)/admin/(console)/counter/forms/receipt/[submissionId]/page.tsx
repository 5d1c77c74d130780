import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { z } from "zod";
import { warekiOfInstant } from "@/components/filings/labels";
import { PrintButton } from "@/components/filings/print-button";
import { RECEIPT_PRINT_CSS, receiptTime } from "@/components/review/receipt-print";
import { yen } from "@/components/submissions/labels";
import { buttonClasses } from "@/components/ui/button";
import { getDb } from "@/db";
import { requireStaffPage, runAsCurrentStaff } from "@/lib/auth/session";
import { getConfig } from "@/lib/config/env";
import { getDepartmentById } from "@/lib/departments/queries";
import { textIn } from "@/lib/forms/definition";
import { computeFee } from "@/lib/forms/fees";
import { viewSubmission } from "@/lib/forms/review-views";

export const metadata: Metadata = { title: "電子申請の受付票" };

/** The walk-in's printed receipt: the reference to quote, the fee received in cash, and what happens next. */
export default async function CounterFormReceiptPage({ params }: { params: Promise<{ submissionId: string }> }) {
  await requireStaffPage("form.counter");
  const { submissionId } = await params;
  if (!z.uuid().safeParse(submissionId).success) notFound();
  const outcome = await runAsCurrentStaff(viewSubmission, { submissionId });
  if (!outcome.ok) {
    if (outcome.status === 403) forbidden();
    notFound();
  }
  const { submission, definition, payments } = outcome.data;
  if (submission.channel !== "counter") notFound();
  const cash = payments.find((p) => p.method === "cash" && p.status === "success") ?? null;
  const department = await getDepartmentById(await getDb(), { departmentId: submission.departmentId });
  const fee = definition.payment.timing === "on_filing" ? computeFee(definition, submission.answers as Record<string, unknown>) : null;
  const submittedAt = submission.submittedAt ?? submission.createdAt;
  return (
    <>
      <style>{RECEIPT_PRINT_CSS}</style>
      <div className="no-print mb-6 flex flex-wrap items-center gap-3">
        <PrintButton />
        <Link href={`/admin/counter/forms/${submission.formId}`} className={buttonClasses({ variant: "secondary", size: "lg" })}>
          次の方の入力へ
        </Link>
      </div>
      <article id="receipt" className="max-w-2xl rounded-8 border-2 border-solid-gray-900 bg-white p-8 text-solid-gray-900" data-testid="receipt">
        <p className="text-std-16N-170">{getConfig().TOWN_NAME}役場 {department?.name}</p>
        <h1 className="mt-1 text-std-28B-150">{textIn(definition.title, "ja")} 受付票</h1>
        <dl className="mt-6 grid grid-cols-[auto_1fr] gap-x-6 gap-y-3 text-std-18B-160">
          <dt>受付番号</dt>
          <dd className="font-mono text-std-28B-150" data-testid="receipt-number">
            {submission.reference}
          </dd>
          <dt>受付日</dt>
          <dd className="font-normal">
            {warekiOfInstant(submittedAt)} {receiptTime.format(submittedAt)}（窓口）
          </dd>
          {fee && fee.lines.length > 0 ? (
            <>
              <dt>手数料</dt>
              <dd className="font-normal">
                <ul>
                  {fee.lines.map((line, i) => (
                    <li key={i}>{line.label} {line.unitAmount.toLocaleString("ja-JP")}円 × {line.quantity}</li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
          <dt>{cash ? "現金で領収" : "手数料"}</dt>
          <dd data-testid="receipt-fee">{cash ? yen(cash.amount) : definition.payment.timing === "after_review" ? "審査のあとにお知らせします" : "なし"}</dd>
          {cash ? (
            <>
              <dt>領収番号</dt>
              <dd className="font-mono font-normal">{cash.reference}</dd>
            </>
          ) : null}
        </dl>
        <p className="mt-6 text-std-16N-170">
          審査が終わり次第、{definition.delivery === "mail" ? "郵送します" : definition.delivery === "counter" ? "窓口でお渡しします" : "ご連絡します"}。お問い合わせの際は受付番号をお伝えください。
          {department?.phone ? `（${department.name} ${department.phone}）` : ""}
        </p>
      </article>
    </>
  );
}
