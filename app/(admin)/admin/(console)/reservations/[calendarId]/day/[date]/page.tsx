import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { canInDepartment } from "@/lib/auth/permissions";
import { requireStaffPage, runAsCurrentStaff } from "@/lib/auth/session";
import { formatWareki } from "@/lib/dates/wareki";
import { jstTime, weekdayOf } from "@/lib/reservations/rules";
import { viewDayBookings } from "@/lib/reservations/views";
import { loadCalendarForStaff } from "../../../load-calendar";
import { AttendanceButtons, CancelBookingForm, StaffBookForm } from "./day-actions";

export const metadata: Metadata = { title: "予約（日ごと）" };
const WEEKDAYS = ["日", "月", "火", "水", "木", "金", "土"];
const STATUS = { booked: ["予約中", "info"], checked_in: ["受付済み", "success"], no_show: ["無断キャンセル", "warning"], cancelled: ["取り消し", "neutral"] } as const;

export default async function ReservationDay({ params }: { params: Promise<{ calendarId: string; date: string }> }) {
  const actor = await requireStaffPage("reservation.view");
  const { calendarId, date } = await params;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) notFound();
  const calendar = await loadCalendarForStaff(actor, calendarId);
  const result = await runAsCurrentStaff(viewDayBookings, { calendarId, date });
  if (!result.ok) return <Alert tone="error" title={result.error} />;
  const { bookings, day } = result.data;
  const canAttend = canInDepartment(actor, "reservation.attend", calendar.departmentId);
  const canCancel = canInDepartment(actor, "reservation.staff_cancel", calendar.departmentId);
  const canBook = canInDepartment(actor, "reservation.staff_book", calendar.departmentId);
  const now = new Date();
  return (
    <>
      <PageHeader title={`${calendar.name} ${formatWareki(date)}（${WEEKDAYS[weekdayOf(date)]}）`} description={`${calendar.location}・${calendar.departmentName}`} />
      <Link href={`/admin/reservations/${calendar.id}?month=${date.slice(0, 7)}`}>← 月の表示に戻る</Link>
      {day.closure ? (
        <Alert tone="info" title={day.closure.kind === "weekday" ? "受付しない曜日です" : day.closure.kind === "holiday" ? `祝日（${day.closure.name}）` : `休業日（${day.closure.reason}）`} />
      ) : null}
      {day.slots.map((slot) => {
        const inSlot = bookings.filter((b) => b.startsAt.getTime() === slot.startsAt.getTime());
        return (
          <section key={slot.startsAt.toISOString()} className="mt-6" aria-labelledby={`slot-${slot.startsAt.getTime()}`}>
            <h2 id={`slot-${slot.startsAt.getTime()}`} className="text-std-20B-150">
              {jstTime(slot.startsAt)}〜{jstTime(slot.endsAt)}　予約 {slot.booked}/{slot.capacity}
              {slot.held ? `（キャンセル待ちの案内中 ${slot.held}）` : ""}
            </h2>
            {inSlot.length === 0 ? (
              <p className="text-solid-gray-700">予約はありません。</p>
            ) : (
              <div className="overflow-x-auto rounded-8 border border-solid-gray-200 bg-white">
                <table className="w-full border-collapse text-left text-std-16N-170" data-testid="day-bookings">
                  <caption className="sr-only">{jstTime(slot.startsAt)}の予約</caption>
                  <thead className="bg-solid-gray-50">
                    <tr>
                      {["予約番号", "氏名", "電話", "経路", "回答", "無断キャンセル", "状態", "操作"].map((h) => (
                        <th key={h} scope="col" className="border-b border-solid-gray-200 px-3 py-2 text-std-16B-170">
                          {h}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {inSlot.map((b) => (
                      <tr key={b.id} className="border-b border-solid-gray-100 align-top last:border-b-0">
                        <td className="px-3 py-2">{b.bookingNumber}</td>
                        <td className="px-3 py-2">{b.name}</td>
                        <td className="px-3 py-2">{b.phone ?? "—"}</td>
                        <td className="px-3 py-2">{b.channel === "line" ? "LINE" : b.linked ? "電話・窓口（LINE連携済み）" : "電話・窓口"}</td>
                        <td className="px-3 py-2">
                          {Object.entries(b.answers).map(([k, v]) => (
                            <span key={k} className="block">
                              {calendar.questions.find((q) => q.id === k)?.label ?? k}: {v}
                            </span>
                          ))}
                        </td>
                        <td className="px-3 py-2 text-right">{b.noShows}</td>
                        <td className="px-3 py-2">
                          <Badge tone={STATUS[b.status][1]}>{STATUS[b.status][0]}</Badge>
                          {b.cancelReason ? <span className="block text-solid-gray-700">理由: {b.cancelReason}</span> : null}
                        </td>
                        <td className="px-3 py-2">
                          {b.status === "booked" && canAttend ? <AttendanceButtons bookingId={b.id} started={slot.startsAt <= now} /> : null}
                          {b.status === "booked" && canCancel ? <CancelBookingForm bookingId={b.id} bookingNumber={b.bookingNumber} /> : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        );
      })}
      {canBook && day.slots.some((s) => s.left > 0 && s.startsAt > now) ? (
        <StaffBookForm
          calendarId={calendar.id}
          slots={day.slots.filter((s) => s.left > 0 && s.startsAt > now).map((s) => ({ value: s.startsAt.toISOString(), label: `${jstTime(s.startsAt)}〜${jstTime(s.endsAt)}（残り${s.left}）` }))}
          questions={calendar.questions}
        />
      ) : null}
    </>
  );
}
