import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, gte, inArray, isNull, ne, or, sql } from "drizzle-orm";
import type { Executor, Transaction } from "@/db";
import { rowsOf } from "@/db/rows";
import { residents } from "@/db/schema/residents";
import {
  reservationBookings,
  reservationCalendars,
  reservationClosures,
  reservationSlots,
  reservationWaitlist,
  type BookingChannel,
  type ReservationBooking,
  type ReservationCalendar,
  type ReservationSlot,
} from "@/db/schema/reservations";
import type { AuditDraft } from "@/lib/audit/log";
import { GuardError } from "@/lib/auth/guard";
import { getValidVerification } from "@/lib/jpki/flow";
import { liffUrl } from "@/lib/line/links";
import { enqueuePush, withdrawQueuedMessage } from "@/lib/line/outbox";
import type { ResidentLocale } from "@/lib/i18n/locale";
import { getResidentLocaleById } from "@/lib/residents/locale";
import { lineText, RESERVATION_MESSAGES, type ReservationRefusalCode } from "./messages";
import { bookingWindow, isRuleSlot, jstDate, type Closure } from "./rules";

/** A refusal with a code the resident's pages word in their language; rolls the transaction back. */
export class ReservationRefusal extends GuardError {
  constructor(
    readonly code: ReservationRefusalCode,
    status: 400 | 401 | 403 | 404 | 409 = 409,
    audit?: AuditDraft & { action: string },
  ) {
    super(status, RESERVATION_MESSAGES.ja.refusals[code], undefined, audit);
    this.name = "ReservationRefusal";
  }
}

export function jpkiPurposeOf(calendarId: string): string {
  return `reservation:${calendarId}`;
}

export async function loadCalendar(tx: Executor, calendarId: string): Promise<ReservationCalendar> {
  const [calendar] = await tx.select().from(reservationCalendars).where(eq(reservationCalendars.id, calendarId));
  if (!calendar) throw new ReservationRefusal("calendar_not_found", 404);
  return calendar;
}

/** Town-wide closures and this calendar's blackout dates overlapping [from, to]. */
export async function closuresFor(db: Executor, calendarIds: string[], from: string, to: string): Promise<Closure[]> {
  return db
    .select({ calendarId: reservationClosures.calendarId, startsOn: reservationClosures.startsOn, endsOn: reservationClosures.endsOn, reason: reservationClosures.reason })
    .from(reservationClosures)
    .where(
      and(
        or(isNull(reservationClosures.calendarId), calendarIds.length ? inArray(reservationClosures.calendarId, calendarIds) : sql`false`),
        sql`${reservationClosures.startsOn} <= ${to} and ${reservationClosures.endsOn} >= ${from}`,
      ),
    );
}

/** The slot row for a rule slot, created on first use, locked for this transaction. */
async function lockSlot(tx: Transaction, calendar: ReservationCalendar, startsAt: Date): Promise<ReservationSlot> {
  const endsAt = new Date(startsAt.getTime() + calendar.slotMinutes * 60_000);
  await tx
    .insert(reservationSlots)
    .values({ calendarId: calendar.id, startsAt, endsAt, capacity: calendar.capacity })
    .onConflictDoNothing({ target: [reservationSlots.calendarId, reservationSlots.startsAt] });
  const [slot] = await tx
    .select()
    .from(reservationSlots)
    .where(and(eq(reservationSlots.calendarId, calendar.id), eq(reservationSlots.startsAt, startsAt)))
    .for("update");
  return slot!;
}

export async function lockSlotById(tx: Transaction, slotId: string): Promise<ReservationSlot | null> {
  const [slot] = await tx.select().from(reservationSlots).where(eq(reservationSlots.id, slotId)).for("update");
  return slot ?? null;
}

/** Serialises one resident's bookings (per-resident limit) without locking another domain's row. */
async function lockResident(tx: Transaction, residentId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`reservation-resident:${residentId}`}))`);
}

export type BookInput = {
  calendar: ReservationCalendar;
  startsAt: Date;
  channel: BookingChannel;
  residentId: string | null;
  guestName?: string | null;
  guestPhone?: string | null;
  answers: Record<string, string>;
  staffId?: string | null;
  /** Taking a waitlist offer: the held seat becomes the booking. */
  fromOffer?: boolean;
  now?: Date;
};

/**
 * Books one seat. The slot row is locked, so the checks below are exact; the database still has the last
 * word (trigger-maintained counter with a CHECK, partial unique index per resident and slot).
 */
export async function bookSeat(tx: Transaction, input: BookInput): Promise<{ booking: ReservationBooking; slot: ReservationSlot }> {
  const { calendar, startsAt, residentId } = input;
  const now = input.now ?? new Date();
  if (!calendar.active) throw new ReservationRefusal("calendar_not_found", 404);
  const iso = jstDate(startsAt);
  const closures = await closuresFor(tx, [calendar.id], iso, iso);
  if (!isRuleSlot(calendar, startsAt, closures)) throw new ReservationRefusal("no_such_slot", 400);
  if (input.channel === "line") {
    const window = bookingWindow(calendar, startsAt, now);
    if (window !== "open") throw new ReservationRefusal(window === "not_open" ? "not_open" : "closed");
  } else if (startsAt <= now) {
    throw new ReservationRefusal("closed");
  }
  // A full slot answers at once, without queueing behind the slot's lock; the locked check below decides.
  const [seen] = await tx
    .select({ booked: reservationSlots.booked, held: reservationSlots.held, capacity: reservationSlots.capacity })
    .from(reservationSlots)
    .where(and(eq(reservationSlots.calendarId, calendar.id), eq(reservationSlots.startsAt, startsAt)));
  if (!input.fromOffer && seen && seen.booked + seen.held >= seen.capacity) throw new ReservationRefusal("full");
  // The resident's own checks come before the slot's lock (lock order: resident, then slot), so the lock is held briefly.
  let recipient: Recipient | null = null;
  if (residentId) {
    await lockResident(tx, residentId);
    const [existing] = await tx
      .select({ id: reservationBookings.id })
      .from(reservationBookings)
      .innerJoin(reservationSlots, eq(reservationSlots.id, reservationBookings.slotId))
      .where(and(eq(reservationSlots.calendarId, calendar.id), eq(reservationSlots.startsAt, startsAt), eq(reservationBookings.residentId, residentId), ne(reservationBookings.status, "cancelled")));
    if (existing) throw new ReservationRefusal("already_booked");
    const [{ upcoming } = { upcoming: 0 }] = await tx
      .select({ upcoming: sql<number>`count(*)::int` })
      .from(reservationBookings)
      .innerJoin(reservationSlots, eq(reservationSlots.id, reservationBookings.slotId))
      .where(and(eq(reservationBookings.calendarId, calendar.id), eq(reservationBookings.residentId, residentId), eq(reservationBookings.status, "booked"), gte(reservationSlots.startsAt, now)));
    if (upcoming >= calendar.perResidentLimit) throw new ReservationRefusal("limit_reached");
    if (input.channel === "line" && calendar.noShowLimit !== null) {
      const noShows = await countNoShows(tx, residentId, now);
      if (noShows >= calendar.noShowLimit) throw new ReservationRefusal("no_show_limit", 403);
    }
    if (input.channel === "line" && calendar.requiresJpki && !(await getValidVerification(tx, residentId, jpkiPurposeOf(calendar.id)))) {
      throw new ReservationRefusal("jpki_required", 403);
    }
    recipient = await recipientOf(tx, residentId);
  }
  const slot = await lockSlot(tx, calendar, startsAt);
  if (!input.fromOffer && slot.booked + slot.held >= slot.capacity) throw new ReservationRefusal("full");
  if (input.fromOffer) await tx.update(reservationSlots).set({ held: sql`${reservationSlots.held} - 1` }).where(eq(reservationSlots.id, slot.id));
  const [booking] = await tx
    .insert(reservationBookings)
    .values({
      slotId: slot.id,
      calendarId: calendar.id,
      residentId,
      bookingNumber: sql`'R' || lpad(nextval('reservation_booking_seq')::text, 7, '0')`,
      channel: input.channel,
      guestName: input.guestName ?? null,
      guestPhone: input.guestPhone ?? null,
      answers: input.answers,
      bookedByStaffId: input.staffId ?? null,
    })
    .returning();
  if (recipient) await notifyBooking(tx, booking!, calendar, slot, "booked", "", recipient);
  return { booking: booking!, slot };
}

/** No-shows of a resident in the last 365 days, across all calendars. */
export async function countNoShows(db: Executor, residentId: string, now = new Date()): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(reservationBookings)
    .where(and(eq(reservationBookings.residentId, residentId), eq(reservationBookings.status, "no_show"), gte(reservationBookings.updatedAt, new Date(now.getTime() - 365 * 86_400_000))));
  return row?.n ?? 0;
}

type Notice = "booked" | "reminder" | "cancelledByResident" | "cancelledByStaff";
type Recipient = { lineUserId: string; locale: ResidentLocale };

async function recipientOf(tx: Executor, residentId: string): Promise<Recipient | null> {
  const [resident] = await tx.select({ lineUserId: residents.lineUserId }).from(residents).where(eq(residents.id, residentId));
  return resident ? { lineUserId: resident.lineUserId, locale: await getResidentLocaleById(tx, residentId) } : null;
}

/** Queues a LINE message about a booking in the resident's language, in the caller's transaction. */
export async function notifyBooking(tx: Transaction, booking: ReservationBooking, calendar: ReservationCalendar, slot: ReservationSlot, notice: Notice, reason = "", known?: Recipient): Promise<void> {
  if (!booking.residentId) return;
  const resident = known ?? (await recipientOf(tx, booking.residentId));
  if (!resident) return;
  const t = RESERVATION_MESSAGES[resident.locale].line;
  const values = { calendar: calendar.name, location: calendar.location, number: booking.bookingNumber, startsAt: slot.startsAt, endsAt: slot.endsAt, reason };
  await enqueuePush(tx, {
    to: resident.lineUserId,
    messages: [{ type: "text", text: lineText(t[notice](values)) }],
    cause: `reservation:${booking.id}:${notice}`,
    dedupeKey: `reservation:${booking.id}:${notice}`,
  });
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Offers every free seat of a slot to the next waiting residents, one seat each, held until the offer expires.
 * Call with the slot locked or after the change that freed the seat, in the same transaction.
 */
export async function offerFreedSeats(tx: Transaction, slotId: string, now = new Date()): Promise<AuditDraft[]> {
  const slot = await lockSlotById(tx, slotId);
  if (!slot) return [];
  const calendar = await loadCalendar(tx, slot.calendarId);
  if (bookingWindow(calendar, slot.startsAt, now) !== "open") return [];
  const free = slot.capacity - slot.booked - slot.held;
  if (free <= 0) return [];
  const next = await tx
    .select()
    .from(reservationWaitlist)
    .where(and(eq(reservationWaitlist.slotId, slotId), eq(reservationWaitlist.status, "waiting")))
    .orderBy(asc(reservationWaitlist.createdAt), asc(reservationWaitlist.id))
    .limit(free)
    .for("update", { skipLocked: true });
  const drafts: AuditDraft[] = [];
  for (const entry of next) {
    const token = randomBytes(24).toString("base64url");
    const expiresAt = new Date(now.getTime() + calendar.waitlistOfferMinutes * 60_000);
    await tx
      .update(reservationWaitlist)
      .set({ status: "offered", offerTokenHash: hashToken(token), offeredAt: now, offerExpiresAt: expiresAt, updatedAt: now })
      .where(eq(reservationWaitlist.id, entry.id));
    await tx.update(reservationSlots).set({ held: sql`${reservationSlots.held} + 1` }).where(eq(reservationSlots.id, slotId));
    const [resident] = await tx.select({ lineUserId: residents.lineUserId }).from(residents).where(eq(residents.id, entry.residentId));
    if (resident) {
      const t = RESERVATION_MESSAGES[await getResidentLocaleById(tx, entry.residentId)].line;
      await enqueuePush(tx, {
        to: resident.lineUserId,
        messages: [{ type: "text", text: lineText(t.offer({ calendar: calendar.name, startsAt: slot.startsAt, endsAt: slot.endsAt, until: expiresAt, url: liffUrl(`/reservations/offer/${token}`) })) }],
        cause: `reservation-waitlist:${entry.id}:offer`,
        dedupeKey: `reservation-waitlist:${entry.id}:offer`,
      });
    }
    drafts.push({ action: "reservation.waitlist.offer", entity: "reservation_waitlist", entityId: entry.id, departmentId: calendar.departmentId, after: { slotId, expiresAt } });
  }
  return drafts;
}

/** Cancels a live booking (row locked), frees its seat and offers it to the waitlist. */
export async function cancelBooking(
  tx: Transaction,
  booking: ReservationBooking,
  by: { kind: "resident" } | { kind: "staff"; reason: string },
  now = new Date(),
): Promise<{ drafts: AuditDraft[]; slot: ReservationSlot; calendar: ReservationCalendar }> {
  if (booking.status === "cancelled") throw new ReservationRefusal("already_cancelled");
  const [cancelled] = await tx
    .update(reservationBookings)
    .set({ status: "cancelled", cancelledAt: now, cancelledBy: by.kind, cancelReason: by.kind === "staff" ? by.reason : null, updatedAt: now })
    .where(and(eq(reservationBookings.id, booking.id), ne(reservationBookings.status, "cancelled")))
    .returning();
  if (!cancelled) throw new ReservationRefusal("already_cancelled");
  // A reminder queued before the cancellation but not yet claimed by a worker is never sent.
  await withdrawQueuedMessage(tx, `reservation:${booking.id}:reminder`);
  const calendar = await loadCalendar(tx, booking.calendarId);
  const slot = (await lockSlotById(tx, booking.slotId))!;
  await notifyBooking(tx, cancelled, calendar, slot, by.kind === "staff" ? "cancelledByStaff" : "cancelledByResident", by.kind === "staff" ? by.reason : "");
  const drafts = await offerFreedSeats(tx, booking.slotId, now);
  return { drafts, slot, calendar };
}

export async function lockBooking(tx: Transaction, where: ReturnType<typeof eq>): Promise<ReservationBooking | null> {
  const [row] = await tx.select().from(reservationBookings).where(where).for("update");
  return row ?? null;
}

/** Expires offers past their time: the held seat passes to the next waiting resident. */
export async function expireOffers(tx: Transaction, now = new Date()): Promise<AuditDraft[]> {
  const expired = rowsOf<{ id: string; slot_id: string }>(
    await tx.execute(sql`
      update ${reservationWaitlist} set status = 'expired', updated_at = ${now.toISOString()}::timestamptz
      where id in (select id from ${reservationWaitlist} where status = 'offered' and offer_expires_at <= ${now.toISOString()}::timestamptz for update skip locked limit 200)
      returning id, slot_id`),
  );
  const drafts: AuditDraft[] = [];
  for (const row of expired) {
    await tx.update(reservationSlots).set({ held: sql`${reservationSlots.held} - 1` }).where(eq(reservationSlots.id, row.slot_id));
    drafts.push({ action: "reservation.waitlist.expire", entity: "reservation_waitlist", entityId: row.id });
  }
  for (const slotId of new Set(expired.map((row) => row.slot_id))) drafts.push(...(await offerFreedSeats(tx, slotId, now)));
  return drafts;
}
