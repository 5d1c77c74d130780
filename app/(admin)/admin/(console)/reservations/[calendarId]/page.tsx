import type { Metadata } from "next";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { canInDepartment, isSystemAdmin } from "@/lib/auth/permissions";
import { requireStaffPage } from "@/lib/auth/session";
import { formatWareki } from "@/lib/dates/wareki";
import { getMonthView } from "@/lib/reservations/queries";
import { datesOfMonth, jstDate, weekdayOf, shiftMonth } from "@/lib/reservations/rules";
import { loadCalendarForStaff } from "../load-calendar";
import { ClosureForm } from "./closure-form";

export const metadata: Metadata = { title: "予約カレンダー" };
const WEEKDAYS = ["日", "月", "火", "水", "木", "金", "土"];


export default async function CalendarAdmin({ params, searchParams }: { params: Promise<{ calendarId: string }>; searchParams: Promise<{ month?: string }> }) {
  const actor = await requireStaffPage("reservation.view");
  const { calendarId } = await params;
  const calendar = await loadCalendarForStaff(actor, calendarId);
  const requested = (await searchParams).month;
  const month = requested && /^\d{4}-(0[1-9]|1[0-2])$/.test(requested) ? requested : jstDate(new Date()).slice(0, 7);
  const days = await getMonthView(await getDb(), { calendar, month });
  const lead = weekdayOf(`${month}-01`);
  const cells = [...Array.from({ length: lead }, () => null), ...days];
  while (cells.length % 7) cells.push(null);
  const dates = datesOfMonth(month);
  const base = `/admin/reservations/${calendar.id}`;
  const canExport = canInDepartment(actor, "reservation.export", calendar.departmentId);
  return (
    <>
      <PageHeader
        title={calendar.name}
        description={`${calendar.departmentName}・${calendar.location}・${calendar.slotMinutes}分枠・定員${calendar.capacity}・${calendar.opensDaysBefore}日前から${calendar.closesHoursBefore}時間前まで受付・取り消しは${calendar.cancelHoursBefore}時間前まで・1人${calendar.perResidentLimit}件まで${calendar.noShowLimit ? `・無断キャンセル${calendar.noShowLimit}回でLINE予約停止` : ""}${calendar.requiresJpki ? "・本人確認必須" : ""}`}
        actions={
          <>
            {canInDepartment(actor, "reservation.manage", calendar.departmentId) ? (
              <Link className={buttonClasses({ variant: "secondary" })} href={`${base}/edit`}>
                設定
              </Link>
            ) : null}
            {canExport ? (
            <>
              <a className={buttonClasses({ variant: "secondary" })} href={`/api/admin/reservations/${calendar.id}/export?kind=bookings&from=${dates[0]}&to=${dates.at(-1)}`}>
                この月の予約をCSV出力
              </a>
              <Link className={buttonClasses({ variant: "secondary" })} href={`${base}/figures`}>
                週別の集計
              </Link>
            </>
            ) : null}
          </>
        }
      />
      <nav className="mb-3 flex justify-between" aria-label="月の切り替え">
        <Link href={`${base}?month=${shiftMonth(month, -1)}`}>← 前の月</Link>
        <Link href={`${base}?month=${shiftMonth(month, 1)}`}>次の月 →</Link>
      </nav>
      <table className="w-full table-fixed border-collapse bg-white text-center text-std-16N-170" data-testid="admin-month">
        <caption className="pb-2 text-left text-std-20B-150">
          {formatWareki(`${month}-01`).replace(/1日$/, "")}（{month}）
        </caption>
        <thead>
          <tr>
            {WEEKDAYS.map((w) => (
              <th key={w} scope="col" className="border border-solid-gray-200 py-2">
                {w}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: cells.length / 7 }, (_, i) => (
            <tr key={i}>
              {cells.slice(i * 7, i * 7 + 7).map((day, j) => {
                if (!day) return <td key={j} className="border border-solid-gray-200" />;
                const booked = day.slots.reduce((n, s) => n + s.booked, 0);
                const seats = day.slots.reduce((n, s) => n + s.capacity, 0);
                return (
                  <td key={j} className="border border-solid-gray-200 p-1 align-top">
                    <Link href={`${base}/day/${day.date}`} className="flex min-h-16 flex-col items-center no-underline">
                      <span className="text-std-16B-170">{Number(day.date.slice(8))}</span>
                      {day.closure ? (
                        <span className="text-solid-gray-700">{day.closure.kind === "weekday" ? "休" : day.closure.kind === "holiday" ? day.closure.name : day.closure.reason}</span>
                      ) : (
                        <span>
                          {booked}/{seats}
                        </span>
                      )}
                    </Link>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-std-16N-170 text-solid-gray-700">各日の数字は 予約数/定員 です。日付を選ぶと、その日の予約一覧・受付・電話予約の画面になります。</p>
      {canInDepartment(actor, "reservation.manage", calendar.departmentId) ? (
        <ClosureForm calendarId={calendar.id} departmentId={calendar.departmentId} townWideAllowed={isSystemAdmin(actor)} />
      ) : null}
    </>
  );
}
