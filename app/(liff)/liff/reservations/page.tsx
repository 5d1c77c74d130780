import Link from "next/link";
import { BackToMenu, Ja, StepHeader } from "@/components/liff/ui";
import { getDb } from "@/db";
import { getResidentMessages } from "@/lib/i18n/resident";
import { ensureInProcessReservationJobs } from "@/lib/reservations/in-process";
import { RESERVATION_MESSAGES, withoutFurigana } from "@/lib/reservations/messages";
import { getActiveCalendars } from "@/lib/reservations/queries";
import { requireResidentPage } from "@/lib/residents/current";
import { R } from "./_ui/text";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  const { locale } = await getResidentMessages();
  return { title: withoutFurigana(RESERVATION_MESSAGES[locale].title) };
}

export default async function Reservations() {
  await requireResidentPage("/liff/reservations");
  ensureInProcessReservationJobs();
  const { locale, t: common } = await getResidentMessages();
  const t = RESERVATION_MESSAGES[locale];
  const calendars = await getActiveCalendars(await getDb());
  return (
    <>
      <StepHeader title={<R>{t.title}</R>} subtitle={<R>{t.intro}</R>} />
      <Link href="/liff/reservations/mine" className="text-std-18B-160">
        <R>{t.myBookings}</R>
      </Link>
      {calendars.length === 0 ? (
        <p>
          <R>{t.noCalendars}</R>
        </p>
      ) : (
        <ul className="grid grid-cols-1 gap-3">
          {calendars.map((c) => (
            <li key={c.id}>
              <Link href={`/liff/reservations/${c.id}`} className="flex min-h-16 flex-col justify-center rounded-12 border-2 border-blue-900 px-4 py-3 text-blue-900 no-underline hover:bg-blue-50">
                <span className="text-std-20B-150">
                  <Ja>{c.name}</Ja>
                </span>
                <span className="text-std-16N-170 text-solid-gray-700">
                  <Ja>
                    {c.location}・{c.departmentName}
                  </Ja>
                </span>
                {c.requiresJpki ? (
                  <span className="text-std-16N-170 text-solid-gray-700">
                    <R>{t.jpkiNeeded}</R>
                  </span>
                ) : null}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <BackToMenu label={common.common.backToMenu} />
    </>
  );
}
