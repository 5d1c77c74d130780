import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { ChannelBars, CountTable } from "@/components/programs/bar-chart";
import { buttonClasses } from "@/components/ui/button";
import { runAsCurrentStaff } from "@/lib/auth/session";
import { viewProgramReport } from "@/lib/programs/report";
import { loadProgramPage } from "../../load-program";
import { ProgramHeader } from "../../program-header";

export const metadata: Metadata = { title: "集計" };

const percent = (v: number | null) => (v == null ? "—" : `${(v * 100).toFixed(1)}%`);
const n = (v: number) => v.toLocaleString("ja-JP");

function Stat({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="rounded-8 border border-solid-gray-200 bg-white p-4">
      <dt className="text-std-16B-170 text-solid-gray-800">{label}</dt>
      <dd className="text-std-28B-150 text-solid-gray-900">{value}</dd>
      {note ? <dd className="text-std-16N-170 text-solid-gray-700">{note}</dd> : null}
    </div>
  );
}

export default async function ReportPage({ params }: { params: Promise<{ programId: string }> }) {
  const { programId } = await params;
  const { program, department, can } = await loadProgramPage(programId, "program.report");
  const result = await runAsCurrentStaff(viewProgramReport, { programId: program.id });
  if (!result.ok) {
    if (result.status === 403) forbidden();
    throw new Error(result.error);
  }
  const r = result.data;
  const hours = r.byHour.filter((h) => h.hour >= 6 && h.hour <= 23).map((h) => ({ label: `${h.hour}時`, line: h.line, counter: h.counter }));
  const early = r.byHour.filter((h) => h.hour < 6);
  if (early.some((h) => h.line + h.counter > 0)) {
    hours.unshift({ label: "0〜5時", line: early.reduce((s, h) => s + h.line, 0), counter: early.reduce((s, h) => s + h.counter, 0) });
  }
  const ages = r.byAgeBand.map((a) => ({ label: a.band, line: a.line, counter: a.counter }));

  return (
    <>
      <ProgramHeader
        program={program}
        departmentName={department.name}
        current="report"
        can={can}
        title="集計"
        actions={
          <a href={`/api/admin/programs/${program.id}/report`} download className={buttonClasses({ variant: "secondary" })}>
            CSVをダウンロード
          </a>
        }
      />
      <dl className="mb-6 grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <Stat label="申請" value={`${n(r.totalFilings)}件`} note={`対象 ${n(r.households)}世帯（${percent(r.households ? r.totalFilings / r.households : null)}）`} />
        <Stat label="LINE／窓口" value={`${n(r.byChannel.line)}／${n(r.byChannel.counter)}`} />
        <Stat label="承認率／却下率" value={`${percent(r.approvalRate)}／${percent(r.rejectionRate)}`} note="承認・給付・却下した申請のうち" />
        <Stat label="申請から給付まで（中央値）" value={r.medianHoursToGrant == null ? "—" : `${r.medianHoursToGrant.toFixed(1)}時間`} />
        <Stat label="重複申請を受付時に防止" value={`${n(r.duplicatesPrevented)}世帯`} note="同じ世帯の2件目以降の申請を止めた世帯の数" />
        <Stat label="重複の疑い（未整理）" value={`${n(r.duplicatesFlagged)}件`} />
        <Stat label="重複のため取りまとめ" value={`${n(r.duplicatesClosed)}件`} />
        <Stat label="給付済み" value={`${n(r.byStatus.granted)}件`} note={`${n(r.grantedPoints)}ポイント`} />
      </dl>
      <div className="grid gap-6 xl:grid-cols-2">
        <section aria-labelledby="report-hours" className="rounded-8 border border-solid-gray-200 bg-white p-5">
          <h2 id="report-hours" className="mb-3 text-std-20B-150">
            時間帯別の申請（日本時間）
          </h2>
          <ChannelBars rows={hours} caption="時間帯別の申請件数" />
          <CountTable rows={hours} caption="時間帯別の申請件数" labelHeader="時台" />
        </section>
        <section aria-labelledby="report-ages" className="rounded-8 border border-solid-gray-200 bg-white p-5">
          <h2 id="report-ages" className="mb-3 text-std-20B-150">
            年代別の申請（代表者・基準日時点）
          </h2>
          <ChannelBars rows={ages} caption="年代別の申請件数" />
          <CountTable rows={ages} caption="年代別の申請件数" labelHeader="年代" />
        </section>
      </div>
    </>
  );
}
