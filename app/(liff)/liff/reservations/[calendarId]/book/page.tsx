import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { Ja, LinkButton, Notice, StepHeader } from "@/components/liff/ui";
import { getDb } from "@/db";
import { getResidentMessages } from "@/lib/i18n/resident";
import { getValidVerification } from "@/lib/jpki/flow";
import { jpkiPurposeOf } from "@/lib/reservations/core";
import { RESERVATION_MESSAGES } from "@/lib/reservations/messages";
import { getCalendarById, getMonthView } from "@/lib/reservations/queries";
import { jstDate, jstTime, weekdayOf } from "@/lib/reservations/rules";
import { requireResidentPage } from "@/lib/residents/current";
import { safeText } from "@/lib/validation/text";
import { R } from "../../_ui/text";
import { BookForm } from "./book-form";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ calendarId: z.uuid() });
const searchSchema = z.object({ at: safeText({ label: "日時", max: 16 }).regex(/^\d{12,15}$/).transform(Number) });

export default async function BookSlot({ params, searchParams }: { params: Promise<{ calendarId: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const parsedParams = paramsSchema.safeParse(await params);
  const parsedSearch = searchSchema.safeParse(await searchParams);
  if (!parsedParams.success || !parsedSearch.success) notFound();
  const { calendarId } = parsedParams.data;
  const here = `/liff/reservations/${calendarId}/book?at=${parsedSearch.data.at}`;
  const resident = await requireResidentPage(here);
  const db = await getDb();
  const calendar = await getCalendarById(db, { calendarId });
  if (!calendar || !calendar.active) notFound();
  const startsAt = new Date(parsedSearch.data.at);
  const date = jstDate(startsAt);
  const slot = (await getMonthView(db, { calendar, month: date.slice(0, 7) })).find((d) => d.date === date)?.slots.find((s) => s.startsAt.getTime() === startsAt.getTime());
  const { locale } = await getResidentMessages();
  const t = RESERVATION_MESSAGES[locale];
  const back = `/liff/reservations/${calendarId}?date=${date}`;
  if (!slot || slot.window !== "open") {
    return (
      <>
        <StepHeader title={<Ja>{calendar.name}</Ja>} />
        <Notice tone="warn">
          <R>{slot?.window === "not_open" ? t.refusals.not_open : slot ? t.refusals.closed : t.refusals.no_such_slot}</R>
        </Notice>
        <Link href={back}>
          ← <R>{t.pickTime}</R>
        </Link>
      </>
    );
  }
  const needsJpki = calendar.requiresJpki && !(await getValidVerification(db, resident.id, jpkiPurposeOf(calendar.id)));
  const when = `${t.wareki(date)}（${t.weekdays[weekdayOf(date)]}） ${jstTime(slot.startsAt)}〜${jstTime(slot.endsAt)}`;
  return (
    <>
      <StepHeader title={<R>{t.confirmTitle}</R>} />
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 rounded-12 bg-solid-gray-50 p-4" data-testid="booking-summary">
        <dt className="font-bold">
          <R>{t.title}</R>
        </dt>
        <dd>
          <Ja>{calendar.name}</Ja>
        </dd>
        <dt className="font-bold">📅</dt>
        <dd>{when}</dd>
        <dt className="font-bold">
          <R>{t.location}</R>
        </dt>
        <dd>
          <Ja>{calendar.location}</Ja>
        </dd>
        <dt className="sr-only">{t.seatsLeft(slot.left)}</dt>
        <dd className="col-span-2">
          <R>{slot.left > 0 ? t.seatsLeft(slot.left) : t.full}</R>
        </dd>
      </dl>
      {needsJpki ? (
        <>
          <Notice tone="info">
            <R>{t.refusals.jpki_required}</R>
          </Notice>
          <LinkButton href={`/api/jpki/start?${new URLSearchParams({ purpose: jpkiPurposeOf(calendar.id), returnTo: here })}`}>
            <R>{t.jpkiNeeded}</R>
          </LinkButton>
        </>
      ) : (
        <BookForm calendarId={calendar.id} startsAt={slot.startsAt.toISOString()} questions={calendar.questions} full={slot.left === 0} locale={locale} />
      )}
      <Link href={back}>
        ← <R>{t.pickTime}</R>
      </Link>
    </>
  );
}
