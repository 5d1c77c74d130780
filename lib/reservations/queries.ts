import "server-only";
import { and, asc, desc, eq, gte, inArray, lt, ne, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { departments } from "@/db/schema/departments";
import { reservationBookings, reservationCalendars, reservationSlots, reservationWaitlist, type ReservationCalendar } from "@/db/schema/reservations";
import { residents } from "@/db/schema/residents";
import { closuresFor, hashToken } from "./core";
import { addDays, bookingWindow, cancelDeadline, dayClosure, datesOfMonth, jstInstant, slotTimesOf, type DayClosure, type WindowState } from "./rules";

export type CalendarSummary = Pick<ReservationCalendar, "id" | "name" | "kind" | "location" | "description" | "requiresJpki" | "departmentId"> & { departmentName: string };

export async function getActiveCalendars(db: Executor, options: { departmentIds?: "all" | string[] } = {}): Promise<CalendarSummary[]> {
  const scope = options.departmentIds && options.departmentIds !== "all" ? options.departmentIds : null;
  return db
    .select({
      id: reservationCalendars.id,
      name: reservationCalendars.name,
      kind: reservationCalendars.kind,
      location: reservationCalendars.location,
      description: reservationCalendars.description,
      requiresJpki: reservationCalendars.requiresJpki,
      departmentId: reservationCalendars.departmentId,
      departmentName: departments.name,
    })
    .from(reservationCalendars)
    .innerJoin(departments, eq(departments.id, reservationCalendars.departmentId))
    .where(and(eq(reservationCalendars.active, true), scope ? (scope.length ? inArray(reservationCalendars.departmentId, scope) : sql`false`) : undefined))
    .orderBy(asc(reservationCalendars.kind), asc(reservationCalendars.name));
}

export async function getCalendarById(db: Executor, { calendarId }: { calendarId: string }): Promise<(ReservationCalendar & { departmentName: string }) | null> {
  const [row] = await db
    .select({ calendar: reservationCalendars, departmentName: departments.name })
    .from(reservationCalendars)
    .innerJoin(departments, eq(departments.id, reservationCalendars.departmentId))
    .where(eq(reservationCalendars.id, calendarId));
  return row ? { ...row.calendar, departmentName: row.departmentName } : null;
}

export type SlotView = { startsAt: Date; endsAt: Date; capacity: number; booked: number; held: number; left: number; window: WindowState; slotId: string | null };
export type DayView = { date: string; closure: DayClosure | null; slots: SlotView[] };

/** A month of a calendar as the rules make it, with each slot's seats left (materialised slots only hold counts). */
export async function getMonthView(db: Executor, { calendar, month, now = new Date() }: { calendar: ReservationCalendar; month: string; now?: Date }): Promise<DayView[]> {
  const dates = datesOfMonth(month);
  const from = dates[0]!;
  const to = dates[dates.length - 1]!;
  const [closures, rows] = await Promise.all([
    closuresFor(db, [calendar.id], from, to),
    db
      .select()
      .from(reservationSlots)
      .where(and(eq(reservationSlots.calendarId, calendar.id), gte(reservationSlots.startsAt, jstInstant(from)), lt(reservationSlots.startsAt, jstInstant(addDays(to, 1))))),
  ]);
  const byStart = new Map(rows.map((row) => [row.startsAt.getTime(), row]));
  return dates.map((date) => {
    const closure = dayClosure(calendar, date, closures);
    // Materialised slots on a day closed later still show, so staff see the bookings they must move.
    const ruleSlots = closure ? [] : slotTimesOf(calendar, date);
    const extra = rows.filter((row) => row.startsAt >= jstInstant(date) && row.startsAt < jstInstant(addDays(date, 1)) && !ruleSlots.some((s) => s.startsAt.getTime() === row.startsAt.getTime()));
    const slots = [...ruleSlots.map((s) => ({ startsAt: s.startsAt, endsAt: s.endsAt })), ...extra]
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
      .map(({ startsAt, endsAt }) => {
        const row = byStart.get(startsAt.getTime());
        const capacity = row?.capacity ?? calendar.capacity;
        const booked = row?.booked ?? 0;
        const held = row?.held ?? 0;
        return { startsAt, endsAt, capacity, booked, held, left: Math.max(0, capacity - booked - held), window: bookingWindow(calendar, startsAt, now), slotId: row?.id ?? null };
      });
    return { date, closure, slots };
  });
}

export type OwnBooking = {
  id: string;
  bookingNumber: string;
  status: (typeof reservationBookings.$inferSelect)["status"];
  calendarName: string;
  location: string;
  startsAt: Date;
  endsAt: Date;
  cancellableUntil: Date;
};

/** A resident's bookings, upcoming first, and their live waitlist entries. */
export async function getResidentBookings(db: Executor, { residentId, now = new Date() }: { residentId: string; now?: Date }) {
  const bookings = await db
    .select({
      id: reservationBookings.id,
      bookingNumber: reservationBookings.bookingNumber,
      status: reservationBookings.status,
      calendarName: reservationCalendars.name,
      location: reservationCalendars.location,
      cancelHoursBefore: reservationCalendars.cancelHoursBefore,
      startsAt: reservationSlots.startsAt,
      endsAt: reservationSlots.endsAt,
    })
    .from(reservationBookings)
    .innerJoin(reservationSlots, eq(reservationSlots.id, reservationBookings.slotId))
    .innerJoin(reservationCalendars, eq(reservationCalendars.id, reservationBookings.calendarId))
    .where(and(eq(reservationBookings.residentId, residentId), gte(reservationSlots.startsAt, new Date(now.getTime() - 30 * 86_400_000))))
    .orderBy(desc(sql`${reservationBookings.status} = 'booked'`), asc(reservationSlots.startsAt))
    .limit(50);
  const waiting = await db
    .select({ id: reservationWaitlist.id, status: reservationWaitlist.status, calendarName: reservationCalendars.name, startsAt: reservationSlots.startsAt, endsAt: reservationSlots.endsAt, offerExpiresAt: reservationWaitlist.offerExpiresAt })
    .from(reservationWaitlist)
    .innerJoin(reservationSlots, eq(reservationSlots.id, reservationWaitlist.slotId))
    .innerJoin(reservationCalendars, eq(reservationCalendars.id, reservationSlots.calendarId))
    .where(and(eq(reservationWaitlist.residentId, residentId), inArray(reservationWaitlist.status, ["waiting", "offered"]), gte(reservationSlots.startsAt, now)))
    .orderBy(asc(reservationSlots.startsAt));
  return {
    bookings: bookings.map(({ cancelHoursBefore, ...b }): OwnBooking => ({ ...b, cancellableUntil: cancelDeadline({ cancelHoursBefore }, b.startsAt) })),
    waiting,
  };
}

/** The offer behind a LINE link, for its resident only. */
export async function getOfferByToken(db: Executor, { token, residentId }: { token: string; residentId: string }) {
  const [row] = await db
    .select({ id: reservationWaitlist.id, status: reservationWaitlist.status, offerExpiresAt: reservationWaitlist.offerExpiresAt, calendarName: reservationCalendars.name, location: reservationCalendars.location, startsAt: reservationSlots.startsAt, endsAt: reservationSlots.endsAt })
    .from(reservationWaitlist)
    .innerJoin(reservationSlots, eq(reservationSlots.id, reservationWaitlist.slotId))
    .innerJoin(reservationCalendars, eq(reservationCalendars.id, reservationSlots.calendarId))
    .where(and(eq(reservationWaitlist.offerTokenHash, hashToken(token)), eq(reservationWaitlist.residentId, residentId)));
  return row ?? null;
}

export type DayBooking = {
  id: string;
  bookingNumber: string;
  status: (typeof reservationBookings.$inferSelect)["status"];
  channel: (typeof reservationBookings.$inferSelect)["channel"];
  startsAt: Date;
  name: string;
  phone: string | null;
  linked: boolean;
  answers: Record<string, string>;
  noShows: number;
  cancelReason: string | null;
};

/** Staff: every booking of a calendar between two instants, with each resident's no-show count. */
export async function getBookingsBetween(db: Executor, { calendarId, from, to }: { calendarId: string; from: Date; to: Date }): Promise<DayBooking[]> {
  const noShows = db
    .select({ residentId: reservationBookings.residentId, n: sql<number>`count(*)::int`.as("n") })
    .from(reservationBookings)
    .where(eq(reservationBookings.status, "no_show"))
    .groupBy(reservationBookings.residentId)
    .as("no_shows");
  const rows = await db
    .select({
      id: reservationBookings.id,
      bookingNumber: reservationBookings.bookingNumber,
      status: reservationBookings.status,
      channel: reservationBookings.channel,
      startsAt: reservationSlots.startsAt,
      guestName: reservationBookings.guestName,
      displayName: residents.displayName,
      phone: reservationBookings.guestPhone,
      residentId: reservationBookings.residentId,
      answers: reservationBookings.answers,
      noShows: sql<number>`coalesce(${noShows.n}, 0)`,
      cancelReason: reservationBookings.cancelReason,
    })
    .from(reservationBookings)
    .innerJoin(reservationSlots, eq(reservationSlots.id, reservationBookings.slotId))
    .leftJoin(residents, eq(residents.id, reservationBookings.residentId))
    .leftJoin(noShows, eq(noShows.residentId, reservationBookings.residentId))
    .where(and(eq(reservationBookings.calendarId, calendarId), gte(reservationSlots.startsAt, from), lt(reservationSlots.startsAt, to)))
    .orderBy(asc(reservationSlots.startsAt), asc(reservationBookings.createdAt));
  return rows.map((r) => ({
    id: r.id,
    bookingNumber: r.bookingNumber,
    status: r.status,
    channel: r.channel,
    startsAt: r.startsAt,
    name: r.guestName ?? r.displayName ?? "LINE 利用者",
    phone: r.phone,
    linked: r.residentId !== null,
    answers: r.answers,
    noShows: Number(r.noShows),
    cancelReason: r.cancelReason,
  }));
}

export type WeekFigures = { weekStart: string; bookings: number; cancellations: number; noShows: number; seats: number; filled: number; fillRate: number };

/**
 * Per week (Monday, JST) of slot dates: bookings made for the week, cancellations, no-shows, and the fill rate
 * (live bookings ÷ seats of the materialised slots; slots nobody booked are counted from the rules).
 */
export async function getWeeklyFigures(db: Executor, { calendar, from, weeks }: { calendar: ReservationCalendar; from: string; weeks: number }): Promise<WeekFigures[]> {
  const to = addDays(from, weeks * 7);
  const [bookingRows, slotRows, closures] = await Promise.all([
    db
      .select({ startsAt: reservationSlots.startsAt, status: reservationBookings.status })
      .from(reservationBookings)
      .innerJoin(reservationSlots, eq(reservationSlots.id, reservationBookings.slotId))
      .where(and(eq(reservationBookings.calendarId, calendar.id), gte(reservationSlots.startsAt, jstInstant(from)), lt(reservationSlots.startsAt, jstInstant(to)))),
    db
      .select({ startsAt: reservationSlots.startsAt, capacity: reservationSlots.capacity })
      .from(reservationSlots)
      .where(and(eq(reservationSlots.calendarId, calendar.id), gte(reservationSlots.startsAt, jstInstant(from)), lt(reservationSlots.startsAt, jstInstant(to)))),
    closuresFor(db, [calendar.id], from, to),
  ]);
  const weeksOut: WeekFigures[] = [];
  for (let w = 0; w < weeks; w++) {
    const start = addDays(from, w * 7);
    const startAt = jstInstant(start);
    const endAt = jstInstant(addDays(start, 7));
    const inWeek = (at: Date) => at >= startAt && at < endAt;
    const b = bookingRows.filter((row) => inWeek(row.startsAt));
    const materialised = new Map(slotRows.filter((row) => inWeek(row.startsAt)).map((row) => [row.startsAt.getTime(), row.capacity]));
    let seats = 0;
    for (let d = 0; d < 7; d++) {
      const date = addDays(start, d);
      if (dayClosure(calendar, date, closures)) continue;
      for (const slot of slotTimesOf(calendar, date)) seats += materialised.get(slot.startsAt.getTime()) ?? calendar.capacity;
    }
    const filled = b.filter((row) => row.status !== "cancelled").length;
    weeksOut.push({
      weekStart: start,
      bookings: b.length,
      cancellations: b.filter((row) => row.status === "cancelled").length,
      noShows: b.filter((row) => row.status === "no_show").length,
      seats,
      filled,
      fillRate: seats > 0 ? filled / seats : 0,
    });
  }
  return weeksOut;
}

/** Live bookings per slot, for checks (bench, tests): overbooked slots and double-booked residents. */
export async function getInvariantViolations(db: Executor, calendarIds: string[]): Promise<{ overbookedSlots: number; doubleBookedResidents: number }> {
  if (calendarIds.length === 0) return { overbookedSlots: 0, doubleBookedResidents: 0 };
  const [over] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(
      db
        .select({ slotId: reservationBookings.slotId, live: sql<number>`count(*)`.as("live"), capacity: sql<number>`max(${reservationSlots.capacity})`.as("capacity") })
        .from(reservationBookings)
        .innerJoin(reservationSlots, eq(reservationSlots.id, reservationBookings.slotId))
        .where(and(inArray(reservationBookings.calendarId, calendarIds), ne(reservationBookings.status, "cancelled")))
        .groupBy(reservationBookings.slotId)
        .as("per_slot"),
    )
    .where(sql`live > capacity`);
  const [doubled] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(
      db
        .select({ slotId: reservationBookings.slotId, residentId: reservationBookings.residentId })
        .from(reservationBookings)
        .where(and(inArray(reservationBookings.calendarId, calendarIds), ne(reservationBookings.status, "cancelled"), sql`${reservationBookings.residentId} is not null`))
        .groupBy(reservationBookings.slotId, reservationBookings.residentId)
        .having(sql`count(*) > 1`)
        .as("doubled"),
    );
  return { overbookedSlots: over?.n ?? 0, doubleBookedResidents: doubled?.n ?? 0 };
}
