import "server-only";
import { and, eq, gt, isNotNull, isNull, lte } from "drizzle-orm";
import { getDb } from "@/db";
import { reservationBookings, reservationCalendars, reservationSlots } from "@/db/schema/reservations";
import { writeAudit, type AuditDraft } from "@/lib/audit/log";
import { expireOffers, notifyBooking } from "./core";
import { reminderDueAt } from "./rules";
import { startJobLoop } from "@/lib/jobs/loop";

const SYSTEM = { type: "system" as const, id: null, label: "reservation-jobs" };

/**
 * Queues the day-before reminders that are due. The booking row is locked and its status read at that moment,
 * so a booking cancelled before then never gets one; each booking gets at most one (reminder_queued_at + dedupe key).
 */
export async function sendDueReminders(now = new Date()): Promise<number> {
  const db = await getDb();
  // Candidates: live LINE bookings starting within the next 48 hours that have no reminder yet.
  const candidates = await db
    .select({ id: reservationBookings.id, startsAt: reservationSlots.startsAt, reminderHour: reservationCalendars.reminderHour })
    .from(reservationBookings)
    .innerJoin(reservationSlots, eq(reservationSlots.id, reservationBookings.slotId))
    .innerJoin(reservationCalendars, eq(reservationCalendars.id, reservationBookings.calendarId))
    .where(
      and(
        eq(reservationBookings.status, "booked"),
        isNotNull(reservationBookings.residentId),
        isNull(reservationBookings.reminderQueuedAt),
        gt(reservationSlots.startsAt, now),
        lte(reservationSlots.startsAt, new Date(now.getTime() + 48 * 3600_000)),
      ),
    );
  const due = candidates.filter((c) => reminderDueAt(c.reminderHour, c.startsAt) <= now);
  let sent = 0;
  for (const candidate of due) {
    await db.transaction(async (tx) => {
      const [booking] = await tx
        .select()
        .from(reservationBookings)
        .where(and(eq(reservationBookings.id, candidate.id), eq(reservationBookings.status, "booked"), isNull(reservationBookings.reminderQueuedAt)))
        .for("update", { skipLocked: true });
      if (!booking) return;
      const [slot] = await tx.select().from(reservationSlots).where(eq(reservationSlots.id, booking.slotId));
      const [calendar] = await tx.select().from(reservationCalendars).where(eq(reservationCalendars.id, booking.calendarId));
      await notifyBooking(tx, booking, calendar!, slot!, "reminder");
      await tx.update(reservationBookings).set({ reminderQueuedAt: now }).where(eq(reservationBookings.id, booking.id));
      await writeAudit(tx, { action: "reservation.reminder", actor: SYSTEM, requestId: null, entity: "reservation_booking", entityId: booking.id, departmentId: calendar!.departmentId });
      sent++;
    });
  }
  return sent;
}

/** Passes expired waitlist offers on to the next waiting resident. */
export async function passExpiredOffers(now = new Date()): Promise<number> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const drafts: AuditDraft[] = await expireOffers(tx, now);
    if (drafts.length) await writeAudit(tx, drafts.map((d) => ({ ...d, action: d.action ?? "reservation.waitlist.expire", actor: SYSTEM, requestId: null })));
    return drafts.filter((d) => d.action === "reservation.waitlist.expire").length;
  });
}

export async function runReservationJobsOnce(now = new Date()): Promise<{ reminders: number; expiredOffers: number }> {
  const expiredOffers = await passExpiredOffers(now);
  const reminders = await sendDueReminders(now);
  return { reminders, expiredOffers };
}

/** The job loop: every `intervalMs` (default a minute); stop() waits for the round in flight. */
export function startReservationJobs(options: { intervalMs?: number; log?: (line: string) => void } = {}) {
  return startJobLoop({
    name: "reservations",
    intervalMs: options.intervalMs ?? 60_000,
    round: () => runReservationJobsOnce(),
    report: (r) => (r.reminders || r.expiredOffers ? `reminders=${r.reminders} expired_offers=${r.expiredOffers}` : null),
    log: options.log,
  });
}
