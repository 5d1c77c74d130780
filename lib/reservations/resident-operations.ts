import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import { reservationBookings, reservationSlots, reservationWaitlist } from "@/db/schema/reservations";
import type { AuditDraft } from "@/lib/audit/log";
import { defineResidentOperation, runResidentGuarded, type ResidentGuardContext, type ResidentGuardSpec } from "@/lib/residents/guard";
import { bookSeat, cancelBooking, closuresFor, hashToken, loadCalendar, lockBooking, lockSlotById, offerFreedSeats, ReservationRefusal } from "./core";
import type { ReservationRefusalCode } from "./messages";
import { bookingWindow, cancelDeadline, isRuleSlot, jstDate } from "./rules";
import { answerProblems, bookingIdSchema, bookSlotSchema, linkBookingSchema, offerTokenSchema, waitlistIdSchema } from "./validations";

type RunResult<T> = { ok: true; data: T } | { ok: false; status: number; error: string; resident?: { code: string } };
export type ReservationResult<T> = ({ ok: true; data: T } | { ok: false; status: number; error: string }) & { code?: ReservationRefusalCode };

/**
 * Runs a resident reservation operation through the resident guard and keeps the refusal's code, so the page
 * can word it in the resident's language (the guard itself only carries the standard Japanese).
 */
export async function runReservationResident<S extends z.ZodType, T>(
  run: (spec: ResidentGuardSpec<S, T>, input: unknown) => Promise<RunResult<T>>,
  spec: ResidentGuardSpec<S, T>,
  input: unknown,
): Promise<ReservationResult<T>> {
  let code: ReservationRefusalCode | undefined;
  const result = await run(
    {
      ...spec,
      run: async (args) => {
        try {
          return await spec.run(args);
        } catch (error) {
          if (error instanceof ReservationRefusal) code = error.code;
          throw error;
        }
      },
    },
    input,
  );
  if (result.ok) return result;
  const generic = result.resident?.code;
  return { ...result, code: code ?? (generic === "unauthenticated" || generic === "rate_limited" || generic === "invalid" ? generic : undefined) };
}

/** For tests and scripts: the same with an explicit resident. */
export function runReservationAs<S extends z.ZodType, T>(context: ResidentGuardContext, spec: ResidentGuardSpec<S, T>, input: unknown) {
  return runReservationResident((s, i) => runResidentGuarded(context, s, i), spec, input);
}

function checkAnswers(questions: Parameters<typeof answerProblems>[0], answers: Record<string, string>): void {
  if (Object.keys(answerProblems(questions, answers)).length > 0) throw new ReservationRefusal("invalid", 400);
}

export const bookAsResident = defineResidentOperation({
  action: "reservation.book",
  schema: bookSlotSchema,
  run: async ({ data, tx, resident }) => {
    const calendar = await loadCalendar(tx, data.calendarId);
    checkAnswers(calendar.questions, data.answers);
    const { booking, slot } = await bookSeat(tx, { calendar, startsAt: data.startsAt, channel: "line", residentId: resident.id, answers: data.answers });
    return {
      result: { bookingId: booking.id, bookingNumber: booking.bookingNumber, startsAt: slot.startsAt, endsAt: slot.endsAt },
      audit: { entity: "reservation_booking", entityId: booking.id, departmentId: calendar.departmentId, after: { slotId: slot.id, channel: "line", number: booking.bookingNumber } },
    };
  },
});

export const cancelOwnBooking = defineResidentOperation({
  action: "reservation.cancel",
  schema: bookingIdSchema,
  run: async ({ data, tx, resident }) => {
    const booking = await lockBooking(tx, and(eq(reservationBookings.id, data.bookingId), eq(reservationBookings.residentId, resident.id))!);
    if (!booking) throw new ReservationRefusal("booking_not_found", 404);
    if (booking.status === "cancelled") throw new ReservationRefusal("already_cancelled");
    if (booking.status !== "booked") throw new ReservationRefusal("cancel_deadline_passed");
    const calendar = await loadCalendar(tx, booking.calendarId);
    const [slot] = await tx.select().from(reservationSlots).where(eq(reservationSlots.id, booking.slotId));
    if (new Date() >= cancelDeadline(calendar, slot!.startsAt)) throw new ReservationRefusal("cancel_deadline_passed");
    const { drafts } = await cancelBooking(tx, booking, { kind: "resident" });
    return {
      result: { bookingId: booking.id },
      audit: [{ entity: "reservation_booking", entityId: booking.id, departmentId: calendar.departmentId, before: { status: booking.status }, after: { status: "cancelled" } }, ...drafts],
    };
  },
});

export const joinWaitlist = defineResidentOperation({
  action: "reservation.waitlist.join",
  schema: bookSlotSchema,
  run: async ({ data, tx, resident }) => {
    const calendar = await loadCalendar(tx, data.calendarId);
    checkAnswers(calendar.questions, data.answers);
    const iso = jstDate(data.startsAt);
    if (!calendar.active || !isRuleSlot(calendar, data.startsAt, await closuresFor(tx, [calendar.id], iso, iso))) throw new ReservationRefusal("no_such_slot", 400);
    if (bookingWindow(calendar, data.startsAt, new Date()) !== "open") throw new ReservationRefusal("closed");
    const [slotRow] = await tx
      .select({ id: reservationSlots.id })
      .from(reservationSlots)
      .where(and(eq(reservationSlots.calendarId, calendar.id), eq(reservationSlots.startsAt, data.startsAt)));
    const slot = slotRow ? await lockSlotById(tx, slotRow.id) : null;
    if (!slot || slot.booked + slot.held < slot.capacity) throw new ReservationRefusal("not_full");
    const [mine] = await tx
      .select({ id: reservationBookings.id })
      .from(reservationBookings)
      .where(and(eq(reservationBookings.slotId, slot.id), eq(reservationBookings.residentId, resident.id), inArray(reservationBookings.status, ["booked", "checked_in"])));
    if (mine) throw new ReservationRefusal("already_booked");
    const [entry] = await tx
      .insert(reservationWaitlist)
      .values({ slotId: slot.id, residentId: resident.id, answers: data.answers })
      .onConflictDoNothing()
      .returning();
    if (!entry) throw new ReservationRefusal("already_waiting");
    return { result: { waitlistId: entry.id }, audit: { entity: "reservation_waitlist", entityId: entry.id, departmentId: calendar.departmentId, after: { slotId: slot.id } } };
  },
});

export const leaveWaitlist = defineResidentOperation({
  action: "reservation.waitlist.leave",
  schema: waitlistIdSchema,
  run: async ({ data, tx, resident }) => {
    const [entry] = await tx
      .select()
      .from(reservationWaitlist)
      .where(and(eq(reservationWaitlist.id, data.waitlistId), eq(reservationWaitlist.residentId, resident.id)))
      .for("update");
    if (!entry || (entry.status !== "waiting" && entry.status !== "offered")) throw new ReservationRefusal("offer_not_found", 404);
    await tx.update(reservationWaitlist).set({ status: "left", updatedAt: new Date() }).where(eq(reservationWaitlist.id, entry.id));
    const drafts: AuditDraft[] = [];
    if (entry.status === "offered") {
      // The held seat goes back, to the next waiting resident first.
      await lockSlotById(tx, entry.slotId);
      await tx.update(reservationSlots).set({ held: sql`${reservationSlots.held} - 1` }).where(eq(reservationSlots.id, entry.slotId));
      drafts.push(...(await offerFreedSeats(tx, entry.slotId)));
    }
    return { result: { waitlistId: entry.id }, audit: [{ entity: "reservation_waitlist", entityId: entry.id, before: { status: entry.status }, after: { status: "left" } }, ...drafts] };
  },
});

/** Takes the seat a waitlist offer holds (the link in the LINE message); only the offered resident can. */
export const takeOffer = defineResidentOperation({
  action: "reservation.waitlist.take",
  schema: offerTokenSchema,
  run: async ({ data, tx, resident }) => {
    const [entry] = await tx
      .select()
      .from(reservationWaitlist)
      .where(and(eq(reservationWaitlist.offerTokenHash, hashToken(data.token)), eq(reservationWaitlist.residentId, resident.id)))
      .for("update");
    if (!entry || (entry.status !== "offered" && entry.status !== "expired")) throw new ReservationRefusal("offer_not_found", 404);
    if (entry.status === "expired" || entry.offerExpiresAt! <= new Date()) throw new ReservationRefusal("offer_expired", 409);
    const [slotRow] = await tx.select().from(reservationSlots).where(eq(reservationSlots.id, entry.slotId));
    const calendar = await loadCalendar(tx, slotRow!.calendarId);
    const { booking, slot } = await bookSeat(tx, { calendar, startsAt: slotRow!.startsAt, channel: "line", residentId: resident.id, answers: entry.answers, fromOffer: true });
    await tx.update(reservationWaitlist).set({ status: "taken", updatedAt: new Date() }).where(eq(reservationWaitlist.id, entry.id));
    return {
      result: { bookingId: booking.id, bookingNumber: booking.bookingNumber, startsAt: slot.startsAt, endsAt: slot.endsAt },
      audit: [
        { entity: "reservation_waitlist", entityId: entry.id, departmentId: calendar.departmentId, after: { status: "taken", bookingId: booking.id } },
        { action: "reservation.book", entity: "reservation_booking", entityId: booking.id, departmentId: calendar.departmentId, after: { slotId: slot.id, channel: "line", number: booking.bookingNumber, fromWaitlist: entry.id } },
      ],
    };
  },
});

/** Links a booking made by phone or at the counter to this LINE resident: number plus the phone's last 4 digits. */
export const linkCounterBooking = defineResidentOperation({
  action: "reservation.link",
  schema: linkBookingSchema,
  run: async ({ data, tx, resident }) => {
    const booking = await lockBooking(tx, eq(reservationBookings.bookingNumber, data.bookingNumber));
    const digits = booking?.guestPhone?.replace(/\D/g, "") ?? "";
    if (!booking || booking.residentId || booking.status === "cancelled" || !digits.endsWith(data.phoneLast4)) {
      throw new ReservationRefusal("link_not_found", 404, { action: "reservation.link.refused", entity: "reservation_booking", entityId: booking?.id ?? null });
    }
    const [other] = await tx
      .select({ id: reservationBookings.id })
      .from(reservationBookings)
      .where(and(eq(reservationBookings.slotId, booking.slotId), eq(reservationBookings.residentId, resident.id), inArray(reservationBookings.status, ["booked", "checked_in"])));
    if (other) throw new ReservationRefusal("already_booked");
    await tx.update(reservationBookings).set({ residentId: resident.id, updatedAt: new Date() }).where(eq(reservationBookings.id, booking.id));
    const calendar = await loadCalendar(tx, booking.calendarId);
    return { result: { bookingId: booking.id }, audit: { entity: "reservation_booking", entityId: booking.id, departmentId: calendar.departmentId, after: { residentId: resident.id } } };
  },
});
