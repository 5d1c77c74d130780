import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { Ja, StepHeader } from "@/components/liff/ui";
import { getDb } from "@/db";
import { getResidentMessages } from "@/lib/i18n/resident";
import { RESERVATION_MESSAGES } from "@/lib/reservations/messages";
import { getCalendarById, getMonthView, type DayView } from "@/lib/reservations/queries";
import { addDays, jstDate, jstTime, weekdayOf, shiftMonth } from "@/lib/reservations/rules";
import { requireResidentPage } from "@/lib/residents/current";
import { safeText } from "@/lib/validation/text";
import { R } from "../_ui/text";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ calendarId: z.uuid() });
const searchSchema = z.object({
  month: safeText({ label: "月", max: 7 }).regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional().catch(undefined),
  date: safeText({ label: "日", max: 10 }).regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
});


type Messages = (typeof RESERVATION_MESSAGES)["ja"];

function dayStatus(day: DayView, t: Messages): { text: string; left: number; bookable: boolean } {
  if (day.closure) return { text: t.closedDay, left: 0, bookable: false };
  const open = day.slots.filter((s) => s.window === "open");
  const left = open.reduce((sum, s) => sum + s.left, 0);
  if (open.length === 0) return { text: day.slots.some((s) => s.window === "not_open") ? t.notOpenYet : "—", left: 0, bookable: false };
  return { text: left > 0 ? t.seatsLeft(left) : t.full, left, bookable: true };
}

export default async function CalendarMonth({ params, searchParams }: { params: Promise<{ calendarId: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const { calendarId } = parsed.data;
  await requireResidentPage(`/liff/reservations/${calendarId}`);
  const search = searchSchema.parse(await searchParams);
  const db = await getDb();
  const calendar = await getCalendarById(db, { calendarId });
  if (!calendar || !calendar.active) notFound();
  const { locale } = await getResidentMessages();
  const t = RESERVATION_MESSAGES[locale];
  const today = jstDate(new Date());
  const month = search.month ?? search.date?.slice(0, 7) ?? today.slice(0, 7);
  const days = await getMonthView(db, { calendar, month });
  const lastMonth = addDays(today, calendar.opensDaysBefore).slice(0, 7);
  const selected = search.date ? days.find((d) => d.date === search.date) : undefined;
  const lead = weekdayOf(`${month}-01`);
  const cells: (DayView | null)[] = [...Array.from({ length: lead }, () => null), ...days];
  while (cells.length % 7) cells.push(null);
  const rows = Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));
  const base = `/liff/reservations/${calendarId}`;

  return (
    <>
      <StepHeader title={<Ja>{calendar.name}</Ja>} subtitle={<Ja>{`${calendar.location}・${calendar.departmentName}`}</Ja>} />
      {calendar.description ? (
        <p className="text-std-16N-170">
          <Ja>{calendar.description}</Ja>
        </p>
      ) : null}
      <nav className="flex items-center justify-between" aria-label={t.month(month)}>
        {month > today.slice(0, 7) ? (
          <Link href={`${base}?month=${shiftMonth(month, -1)}`} className="min-h-11 py-2">
            ← <R>{t.prevMonth}</R>
          </Link>
        ) : (
          <span />
        )}
        {month < lastMonth ? (
          <Link href={`${base}?month=${shiftMonth(month, 1)}`} className="min-h-11 py-2">
            <R>{t.nextMonth}</R> →
          </Link>
        ) : (
          <span />
        )}
      </nav>
      <table className="w-full table-fixed border-collapse text-center" data-testid="month-view">
        <caption className="pb-2 text-std-20B-150">{t.month(month)}</caption>
        <thead>
          <tr>
            {t.weekdays.map((w) => (
              <th key={w} scope="col" className="text-std-16B-170">
                {w}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {row.map((day, j) => {
                if (!day) return <td key={j} />;
                const status = dayStatus(day, t);
                const label = `${t.dayLabel(day.date)}（${t.wareki(day.date)}） ${status.text}`;
                const isSelected = day.date === search.date;
                return (
                  <td key={j} className="border border-solid-gray-200 p-0 align-top">
                    {status.bookable ? (
                      <Link
                        href={`${base}?month=${month}&date=${day.date}`}
                        aria-label={label.replace(/\{([^|{}]+)\|[^|{}]+\}/g, "$1")}
                        aria-current={isSelected ? "date" : undefined}
                        className={`flex min-h-14 flex-col items-center justify-center no-underline ${isSelected ? "bg-blue-900 text-white" : status.left > 0 ? "text-blue-900 hover:bg-blue-50" : "text-solid-gray-700"}`}
                      >
                        <span className="text-std-16B-170">{Number(day.date.slice(8))}</span>
                        <span className="text-std-16N-170 leading-tight">
                          <R>{status.text}</R>
                        </span>
                      </Link>
                    ) : (
                      <div className="flex min-h-14 flex-col items-center justify-center text-solid-gray-700" title={day.closure?.kind === "holiday" ? day.closure.name : undefined}>
                        <span className="text-std-16N-170">{Number(day.date.slice(8))}</span>
                        <span className="text-std-16N-170 leading-tight">
                          <R>{status.text}</R>
                        </span>
                      </div>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {selected ? (
        <section className="flex flex-col gap-3" aria-labelledby="slots-heading" data-testid="day-slots">
          <h2 id="slots-heading" className="text-std-20B-150">
            {t.wareki(selected.date)}（{t.weekdays[weekdayOf(selected.date)]}）— <R>{t.pickTime}</R>
          </h2>
          <ul className="flex flex-col gap-2">
            {selected.slots
              .filter((s) => s.window === "open")
              .map((slot) => (
                <li key={slot.startsAt.toISOString()}>
                  <Link
                    href={`${base}/book?at=${slot.startsAt.getTime()}`}
                    className={`flex min-h-14 items-center justify-between rounded-8 border-2 px-4 no-underline ${slot.left > 0 ? "border-blue-900 text-blue-900 hover:bg-blue-50" : "border-solid-gray-300 text-solid-gray-700"}`}
                  >
                    <R>{t.slot(`${jstTime(slot.startsAt)}〜${jstTime(slot.endsAt)}`, slot.left)}</R>
                    {slot.left === 0 ? (
                      <span className="text-std-16N-170">
                        <R>{t.joinWaitlist}</R>
                      </span>
                    ) : null}
                  </Link>
                </li>
              ))}
          </ul>
        </section>
      ) : null}
      <Link href="/liff/reservations" className="text-std-18N-160">
        ← <R>{t.title}</R>
      </Link>
    </>
  );
}
