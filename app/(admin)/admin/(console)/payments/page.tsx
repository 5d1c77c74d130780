import type { Metadata } from "next";
import { getDb } from "@/db";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { InputField, SelectField } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { formatJstDateTime, jstToday } from "@/lib/dates/jst";
import { departmentsFor } from "@/lib/auth/permissions";
import { requireStaffPage, runAsCurrentStaff } from "@/lib/auth/session";
import { getDepartments, getDepartmentsByIds } from "@/lib/departments/queries";
import { type PaymentReconciliation, viewPaymentReconciliation } from "@/lib/forms/reconciliation";
import { ensureInProcessPaymentJobs } from "@/lib/payments/in-process";
import { PENDING_STATES, RECONCILIATION_STATE_LABELS } from "@/lib/payments/reconciliation";
import { PAYMENT_HANDLERS } from "@/app/api/payments/handlers";
import { RecheckButton } from "./recheck-button";

export const metadata: Metadata = { title: "決済の照合" };

const yen = (v: number) => `${v.toLocaleString("ja-JP")}円`;
const TH = "border-b border-solid-gray-200 px-3 py-2 text-std-16B-170";
const TD = "border-b border-solid-gray-100 px-3 py-2 align-top";

export default async function PaymentsPage({ searchParams }: { searchParams: Promise<{ day?: string; department?: string }> }) {
  const actor = await requireStaffPage("payment.view");
  ensureInProcessPaymentJobs(PAYMENT_HANDLERS);
  const query = await searchParams;
  const scope = departmentsFor(actor, "payment.view");
  const db = await getDb();
  const options = (scope === "all" ? await getDepartments(db) : await getDepartmentsByIds(db, { departmentIds: scope })).map((d) => ({ value: d.id, label: d.name }));
  const day = typeof query.day === "string" && query.day ? query.day : jstToday();
  const departmentId = typeof query.department === "string" && query.department ? query.department : (options[0]?.value ?? "");
  const result = departmentId ? await runAsCurrentStaff(viewPaymentReconciliation, { departmentId, day }) : null;
  const exportHref = (encoding: string) => `/api/admin/payments/export?${new URLSearchParams({ departmentId, day, encoding })}`;

  return (
    <>
      <PageHeader title="決済の照合" description="選んだ日（日本時間）に作成された決済を状態ごとに集計します。保留中のものは決済事業者に問い合わせて確かめられます。" />
      <form method="get" className="mb-6 flex flex-wrap items-end gap-4 rounded-8 border border-solid-gray-200 bg-white p-4">
        <div className="w-56">
          <InputField label="日付（日本時間）" type="date" name="day" defaultValue={day} required />
        </div>
        {options.length > 1 ? (
          <div className="w-72">
            <SelectField label="部署" name="department" defaultValue={departmentId} options={options} />
          </div>
        ) : (
          <input type="hidden" name="department" value={departmentId} />
        )}
        <Button type="submit">表示</Button>
      </form>
      {!result ? <Alert tone="info" title="照合できる部署がありません。" /> : !result.ok ? <Alert tone="error" title={result.error} /> : <DayReport data={result.data} exportHref={exportHref} />}
    </>
  );
}

function DayReport({ data, exportHref }: { data: PaymentReconciliation; exportHref: (encoding: string) => string }) {
  const pending = data.rows.filter((row) => PENDING_STATES.includes(row.state)).length;
  return (
    <>
      <div className="mb-6 flex flex-wrap items-start gap-4">
        <RecheckButton departmentId={data.departmentId} day={data.day} pending={pending} />
        <a href={exportHref("shift_jis")} download className={buttonClasses({ variant: "secondary" })}>
          CSV（Shift_JIS）
        </a>
        <a href={exportHref("utf-8")} download className={buttonClasses({ variant: "secondary" })}>
          CSV（UTF-8 BOM付き）
        </a>
      </div>
      <dl className="mb-6 grid gap-4 sm:grid-cols-3">
        {[
          ["決済の件数", `${data.total.count}件`],
          ["収納額（返金分を含む）", yen(data.total.collected)],
          ["返金額", yen(data.total.refunded)],
        ].map(([label, value]) => (
          <div key={label} className="rounded-8 border border-solid-gray-200 bg-white p-4">
            <dt className="text-std-16B-170 text-solid-gray-800">{label}</dt>
            <dd className="text-std-28B-150 text-solid-gray-900">{value}</dd>
          </div>
        ))}
      </dl>
      <div className="mb-6 grid gap-6 xl:grid-cols-2">
        <section aria-labelledby="by-state" className="overflow-x-auto rounded-8 border border-solid-gray-200 bg-white p-4">
          <h2 id="by-state" className="mb-3 text-std-20B-150">状態ごとの集計</h2>
          <table className="w-full border-collapse text-left text-std-16N-170" data-testid="payments-by-state">
            <caption className="sr-only">状態ごとの件数と金額</caption>
            <thead><tr><th scope="col" className={TH}>状態</th><th scope="col" className={TH}>件数</th><th scope="col" className={TH}>金額</th></tr></thead>
            <tbody>
              {data.byState.map((s) => (
                <tr key={s.state}><th scope="row" className={`${TD} font-normal`}>{s.label}</th><td className={TD}>{s.count}件</td><td className={TD}>{yen(s.amount)}</td></tr>
              ))}
            </tbody>
          </table>
        </section>
        <section aria-labelledby="by-form" className="overflow-x-auto rounded-8 border border-solid-gray-200 bg-white p-4">
          <h2 id="by-form" className="mb-3 text-std-20B-150">様式ごとの集計</h2>
          {data.byGroup.length === 0 ? (
            <p>この日の決済はありません。</p>
          ) : (
            <table className="w-full border-collapse text-left text-std-16N-170" data-testid="payments-by-form">
              <caption className="sr-only">様式ごとの件数と金額</caption>
              <thead><tr><th scope="col" className={TH}>様式</th><th scope="col" className={TH}>件数</th><th scope="col" className={TH}>収納額</th><th scope="col" className={TH}>返金額</th><th scope="col" className={TH}>保留中</th></tr></thead>
              <tbody>
                {data.byGroup.map((g) => (
                  <tr key={g.key}><th scope="row" className={`${TD} font-normal`}>{g.label}</th><td className={TD}>{g.count}件</td><td className={TD}>{yen(g.collected)}</td><td className={TD}>{yen(g.refunded)}</td><td className={TD}>{yen(g.pending)}</td></tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
      <section aria-labelledby="payment-list" className="overflow-x-auto rounded-8 border border-solid-gray-200 bg-white p-4">
        <h2 id="payment-list" className="mb-3 text-std-20B-150">決済の一覧（{data.rows.length}件）</h2>
        {data.rows.length === 0 ? (
          <p>この日の決済はありません。</p>
        ) : (
          <table className="w-full border-collapse text-left text-std-16N-170" data-testid="payments-list">
            <caption className="sr-only">この日の決済</caption>
            <thead><tr>{["決済番号", "作成日時", "状態", "方法", "金額", "様式・申請番号", "エラー・返金理由"].map((h) => <th key={h} scope="col" className={TH}>{h}</th>)}</tr></thead>
            <tbody>
              {data.rows.map((row) => (
                <tr key={row.id}>
                  <td className={TD}>{row.reference}</td>
                  <td className={TD}>{formatJstDateTime(row.createdAt)}</td>
                  <td className={TD}>{RECONCILIATION_STATE_LABELS[row.state]}</td>
                  <td className={TD}>{row.method === "cash" ? "現金（窓口）" : "オンライン"}</td>
                  <td className={TD}>{yen(row.amount)}</td>
                  <td className={TD}>{row.formTitle}{row.submissionReference ? `（${row.submissionReference}）` : ""}</td>
                  <td className={TD}>{row.refundReason ?? (row.state === "error" ? "決済事業者との通信でエラーが起きました" : "")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
