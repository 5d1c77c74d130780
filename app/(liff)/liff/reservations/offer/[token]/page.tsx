import Link from "next/link";
import { notFound } from "next/navigation";
import { Ja, Notice, StepHeader } from "@/components/liff/ui";
import { getDb } from "@/db";
import { getResidentMessages } from "@/lib/i18n/resident";
import { RESERVATION_MESSAGES } from "@/lib/reservations/messages";
import { getOfferByToken } from "@/lib/reservations/queries";
import { jstDate, jstTime, weekdayOf } from "@/lib/reservations/rules";
import { offerTokenSchema } from "@/lib/reservations/validations";
import { requireResidentPage } from "@/lib/residents/current";
import { ActionButton } from "../../_ui/action-button";
import { R } from "../../_ui/text";

export const dynamic = "force-dynamic";

/** The link in the waitlist offer: only the offered resident sees it, and only until it expires. */
export default async function Offer({ params }: { params: Promise<{ token: string }> }) {
  const parsed = offerTokenSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const { token } = parsed.data;
  const resident = await requireResidentPage(`/liff/reservations/offer/${token}`);
  const offer = await getOfferByToken(await getDb(), { token, residentId: resident.id });
  const { locale } = await getResidentMessages();
  const t = RESERVATION_MESSAGES[locale];
  const live = offer?.status === "offered" && offer.offerExpiresAt! > new Date();
  const date = offer ? jstDate(offer.startsAt) : "";
  return (
    <>
      <StepHeader title={<R>{t.offerTitle}</R>} />
      {!offer ? (
        <Notice tone="warn">
          <R>{t.refusals.offer_not_found}</R>
        </Notice>
      ) : (
        <>
          <div className="flex flex-col gap-1 rounded-12 bg-solid-gray-50 p-4" data-testid="offer-summary">
            <p className="text-std-20B-150">
              <Ja>{offer.calendarName}</Ja>
            </p>
            <p>
              {t.wareki(date)}（{t.weekdays[weekdayOf(date)]}） {jstTime(offer.startsAt)}〜{jstTime(offer.endsAt)}
            </p>
            <p>
              <R>{t.location}</R>: <Ja>{offer.location}</Ja>
            </p>
          </div>
          {live ? (
            <>
              <p>
                <R>{t.offerBody(offer.offerExpiresAt!)}</R>
              </p>
              <ActionButton body={{ action: "take", token }} label={t.takeOffer} failedText={t.failed} then="/liff/reservations/mine" testId="take-offer" />
            </>
          ) : (
            <Notice tone="warn">
              <R>{offer.status === "taken" ? t.refusals.already_booked : t.refusals.offer_expired}</R>
            </Notice>
          )}
        </>
      )}
      <Link href="/liff/reservations/mine">
        <R>{t.myBookings}</R>
      </Link>
    </>
  );
}
