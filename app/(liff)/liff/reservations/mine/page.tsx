import Link from "next/link";
import { Ja, StepHeader } from "@/components/liff/ui";
import { getDb } from "@/db";
import { getResidentMessages } from "@/lib/i18n/resident";
import { ensureInProcessReservationJobs } from "@/lib/reservations/in-process";
import { RESERVATION_MESSAGES } from "@/lib/reservations/messages";
import { getResidentBookings } from "@/lib/reservations/queries";
import { jstDate, jstTime, weekdayOf } from "@/lib/reservations/rules";
import { requireResidentPage } from "@/lib/residents/current";
import { ActionButton } from "../_ui/action-button";
import { R } from "../_ui/text";
import { LinkForm } from "./link-form";

export const dynamic = "force-dynamic";

export default async function MyBookings() {
  const resident = await requireResidentPage("/liff/reservations/mine");
  ensureInProcessReservationJobs();
  const { locale } = await getResidentMessages();
  const t = RESERVATION_MESSAGES[locale];
  const { bookings, waiting } = await getResidentBookings(await getDb(), { residentId: resident.id });
  const now = new Date();
  const when = (startsAt: Date, endsAt: Date) => {
    const date = jstDate(startsAt);
    return `${t.wareki(date)}（${t.weekdays[weekdayOf(date)]}） ${jstTime(startsAt)}〜${jstTime(endsAt)}`;
  };
  return (
    <>
      <StepHeader title={<R>{t.myBookings}</R>} />
      {bookings.length === 0 && waiting.length === 0 ? (
        <p>
          <R>{t.noBookings}</R>
        </p>
      ) : null}
      <ul className="flex flex-col gap-4">
        {bookings.map((b) => (
          <li key={b.id} className="flex flex-col gap-2 rounded-12 border-2 border-solid-gray-200 p-4" data-testid="own-booking">
            <h2 className="text-std-20B-150">
              <Ja>{b.calendarName}</Ja>
            </h2>
            <p>{when(b.startsAt, b.endsAt)}</p>
            <p>
              <R>{t.location}</R>: <Ja>{b.location}</Ja>
            </p>
            <p>
              <R>{t.bookingNumber}</R> <strong>{b.bookingNumber}</strong>
            </p>
            <p className="text-std-18B-160 text-blue-1000" data-testid="own-booking-status">
              <R>{t.status[b.status]}</R>
            </p>
            {b.status === "booked" && b.startsAt > now ? (
              now < b.cancellableUntil ? (
                <>
                  <p className="text-std-16N-170 text-solid-gray-700">
                    <R>{t.cancelUntil(b.cancellableUntil)}</R>
                  </p>
                  <ActionButton body={{ action: "cancel", bookingId: b.id }} label={t.cancel} secondary confirmText={t.cancelConfirm} failedText={t.failed} testId="cancel-booking" />
                </>
              ) : (
                <p className="text-std-16N-170">
                  <R>{t.cancelClosed}</R>
                </p>
              )
            ) : null}
          </li>
        ))}
        {waiting.map((w) => (
          <li key={w.id} className="flex flex-col gap-2 rounded-12 border-2 border-dashed border-solid-gray-300 p-4" data-testid="own-waitlist">
            <h2 className="text-std-20B-150">
              <Ja>{w.calendarName}</Ja>
            </h2>
            <p>{when(w.startsAt, w.endsAt)}</p>
            <p className="text-std-18B-160">
              <R>{w.status === "offered" ? t.offerTitle : t.waiting}</R>
            </p>
            <ActionButton body={{ action: "leave", waitlistId: w.id }} label={t.leaveWaitlist} secondary failedText={t.failed} />
          </li>
        ))}
      </ul>
      <section className="flex flex-col gap-3 rounded-12 bg-solid-gray-50 p-4" aria-labelledby="link-heading">
        <h2 id="link-heading" className="text-std-20B-150">
          <R>{t.linkTitle}</R>
        </h2>
        <p className="text-std-16N-170">
          <R>{t.linkIntro}</R>
        </p>
        <LinkForm locale={locale} />
      </section>
      <Link href="/liff/reservations" className="text-std-18N-160">
        ← <R>{t.title}</R>
      </Link>
    </>
  );
}
