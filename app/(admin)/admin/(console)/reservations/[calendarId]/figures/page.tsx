import type { Metadata } from "next";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { requireStaffPage } from "@/lib/auth/session";
import { getWeeklyFigures, type WeekFigures } from "@/lib/reservations/queries";
import { addDays, jstDate, weekStartOf } from "@/lib/reservations/rules";
import { loadCalendarForStaff } from "../../load-calendar";

export const metadata: Metadata = { title: "予約の週別集計" };
const WEEKS = 12;

/** Grouped bars (bookings, cancellations, no-shows) and the fill-rate line, drawn as plain SVG with a table alongside. */
function WeeklyChart({ weeks }: { weeks: WeekFigures[] }) {
  const width = 720;
  const height = 260;
  const pad = { left: 40, right: 40, top: 16, bottom: 40 };
  const max = Math.max(1, ...weeks.flatMap((w) => [w.bookings, w.cancellations, w.noShows]));
  const band = (width - pad.left - pad.right) / weeks.length;
  const y = (v: number) => height - pad.bottom - (v / max) * (height - pad.top - pad.bottom);
  const rateY = (r: number) => height - pad.bottom - r * (height - pad.top - pad.bottom);
  const series = [
    { key: "bookings", label: "予約", color: "#0031d8" },
    { key: "cancellations", label: "取り消し", color: "#b7421a" },
    { key: "noShows", label: "無断キャンセル", color: "#5f2ea0" },
  ] as const;
  const bar = band / 4;
  return (
    <figure className="rounded-8 border border-solid-gray-200 bg-white p-4">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="chart-title" className="h-auto w-full">
        <title id="chart-title">週ごとの予約・取り消し・無断キャンセルの件数（棒）と充足率（折れ線）</title>
        <line x1={pad.left} x2={width - pad.right} y1={height - pad.bottom} y2={height - pad.bottom} stroke="#767676" />
        <text x={pad.left - 6} y={y(max) + 4} textAnchor="end" fontSize="12">{max}</text>
        <text x={pad.left - 6} y={height - pad.bottom + 4} textAnchor="end" fontSize="12">0</text>
        <text x={width - pad.right + 6} y={rateY(1) + 4} fontSize="12">100%</text>
        {weeks.map((w, i) => {
          const x0 = pad.left + i * band + bar / 2;
          return (
            <g key={w.weekStart}>
              {series.map((s, k) => (
                <rect key={s.key} x={x0 + k * bar} y={y(w[s.key])} width={bar - 1} height={height - pad.bottom - y(w[s.key])} fill={s.color} />
              ))}
              <text x={pad.left + i * band + band / 2} y={height - pad.bottom + 16} textAnchor="middle" fontSize="11">
                {Number(w.weekStart.slice(5, 7))}/{Number(w.weekStart.slice(8))}
              </text>
            </g>
          );
        })}
        <polyline fill="none" stroke="#00713f" strokeWidth="2.5" points={weeks.map((w, i) => `${pad.left + i * band + band / 2},${rateY(Math.min(1, w.fillRate))}`).join(" ")} />
        {weeks.map((w, i) => (
          <circle key={w.weekStart} cx={pad.left + i * band + band / 2} cy={rateY(Math.min(1, w.fillRate))} r="3.5" fill="#00713f" />
        ))}
      </svg>
      <figcaption className="mt-2 flex flex-wrap gap-4 text-std-16N-170">
        {series.map((s) => (
          <span key={s.key} className="flex items-center gap-1">
            <span aria-hidden className="inline-block size-4" style={{ background: s.color }} /> {s.label}
          </span>
        ))}
        <span className="flex items-center gap-1">
          <span aria-hidden className="inline-block h-1 w-5" style={{ background: "#00713f" }} /> 充足率
        </span>
      </figcaption>
    </figure>
  );
}

export default async function Figures({ params }: { params: Promise<{ calendarId: string }> }) {
  const actor = await requireStaffPage("reservation.export");
  const { calendarId } = await params;
  const calendar = await loadCalendarForStaff(actor, calendarId, "reservation.export");
  const from = addDays(weekStartOf(jstDate(new Date())), -7 * (WEEKS - 4));
  const weeks = await getWeeklyFigures(await getDb(), { calendar, from, weeks: WEEKS });
  return (
    <>
      <PageHeader
        title={`${calendar.name} 週別の集計`}
        description="予約日（枠の日付）の週ごとに、予約・取り消し・無断キャンセルの件数と、定員に対する充足率を示します。"
        actions={
          <a className={buttonClasses({ variant: "secondary" })} href={`/api/admin/reservations/${calendar.id}/export?kind=figures&from=${from}&weeks=${WEEKS}`}>
            CSV出力
          </a>
        }
      />
      <Link href={`/admin/reservations/${calendar.id}`}>← カレンダーに戻る</Link>
      <div className="mt-4 flex flex-col gap-6">
        <WeeklyChart weeks={weeks} />
        <div className="overflow-x-auto rounded-8 border border-solid-gray-200 bg-white">
          <table className="w-full border-collapse text-right text-std-16N-170" data-testid="figures-table">
            <caption className="sr-only">週別の集計</caption>
            <thead className="bg-solid-gray-50">
              <tr>
                {["週（月曜日）", "予約", "取り消し", "無断キャンセル", "定員", "利用", "充足率"].map((h) => (
                  <th key={h} scope="col" className="border-b border-solid-gray-200 px-3 py-2 text-std-16B-170">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {weeks.map((w) => (
                <tr key={w.weekStart} className="border-b border-solid-gray-100">
                  <th scope="row" className="px-3 py-2 text-left font-normal">{w.weekStart}</th>
                  <td className="px-3 py-2">{w.bookings}</td>
                  <td className="px-3 py-2">{w.cancellations}</td>
                  <td className="px-3 py-2">{w.noShows}</td>
                  <td className="px-3 py-2">{w.seats}</td>
                  <td className="px-3 py-2">{w.filled}</td>
                  <td className="px-3 py-2">{(w.fillRate * 100).toFixed(1)}%</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </>
  );
}
