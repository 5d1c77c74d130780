import { and, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLog } from "@/db/schema/audit";
import { lineOutbox } from "@/db/schema/line";
import { reservationBookings, reservationSlots, reservationWaitlist } from "@/db/schema/reservations";
import { residents } from "@/db/schema/residents";
import { runGuarded } from "@/lib/auth/guard";
import type { StaffActor } from "@/lib/auth/permissions";
import type { ResidentActor } from "@/lib/residents/guard";
import { createActor, createDepartment } from "@/lib/testing/factories";
import { createCalendar, createResidents, slotStart } from "@/lib/testing/reservation-factories";
import { expireOffers } from "./core";
import { runReservationJobsOnce, sendDueReminders } from "./jobs";
import { getCalendarById, getMonthView, getResidentBookings, getWeeklyFigures } from "./queries";
import { addClosure, createCalendarOperation, recordAttendance, staffBook, staffCancel } from "./operations";
import { bookAsResident, cancelOwnBooking, joinWaitlist, linkCounterBooking, runReservationAs, takeOffer } from "./resident-operations";
import { addDays, jstDate, reminderDueAt } from "./rules";

let departmentId: string;
let counter: StaffActor;
let otherCounter: StaffActor;
beforeAll(async () => {
  departmentId = (await createDepartment()).id;
  counter = await createActor([{ departmentId, role: "counter" }]);
  otherCounter = await createActor([{ departmentId: (await createDepartment()).id, role: "counter" }]);
});

const as = (resident: ResidentActor) => ({ resident, requestId: null });
const staff = (actor: StaffActor) => ({ actor, requestId: null });

async function outboxTexts(causePrefix: string): Promise<string[]> {
  const db = await getDb();
  const rows = await db.select({ messages: lineOutbox.messages }).from(lineOutbox).where(like(lineOutbox.cause, `${causePrefix}%`));
  return rows.map((r) => (r.messages as { text: string }[])[0]!.text);
}

describe("booking in LIFF", () => {
  it("books, confirms on LINE in the resident's language, lists it, and refuses what the rules forbid", async () => {
    const calendar = await createCalendar(departmentId, {
      capacity: 2,
      perResidentLimit: 1,
      questions: [{ id: "course", label: "受診する健診", required: true, options: ["特定健診", "胃がん検診"] }],
    });
    const [alice] = await createResidents(1);
    const db = await getDb();
    await db.update(residents).set({ locale: "en" }).where(eq(residents.id, alice!.id));
    const startsAt = slotStart(2).toISOString();

    const missing = await runReservationAs(as(alice!), bookAsResident, { calendarId: calendar.id, startsAt });
    expect(missing).toMatchObject({ ok: false, code: "invalid" });
    const notASlot = await runReservationAs(as(alice!), bookAsResident, { calendarId: calendar.id, startsAt: slotStart(2, 0.5).toISOString(), answers: { course: "特定健診" } });
    expect(notASlot).toMatchObject({ ok: false, code: "no_such_slot" });

    const booked = await runReservationAs(as(alice!), bookAsResident, { calendarId: calendar.id, startsAt, answers: { course: "特定健診" } });
    expect(booked.ok).toBe(true);
    if (!booked.ok) return;
    expect(booked.data.bookingNumber).toMatch(/^R\d{7}$/);
    const [confirmation] = await outboxTexts(`reservation:${booked.data.bookingId}:booked`);
    expect(confirmation).toContain("[Booked]");

    const again = await runReservationAs(as(alice!), bookAsResident, { calendarId: calendar.id, startsAt: slotStart(2, 1).toISOString(), answers: { course: "特定健診" } });
    expect(again).toMatchObject({ ok: false, code: "limit_reached" });

    const mine = await getResidentBookings(db, { residentId: alice!.id });
    expect(mine.bookings.map((b) => b.id)).toEqual([booked.data.bookingId]);

    const month = await getMonthView(db, { calendar, month: jstDate(new Date(startsAt)).slice(0, 7) });
    const slot = month.flatMap((d) => d.slots).find((s) => s.startsAt.toISOString() === startsAt)!;
    expect(slot.left).toBe(1);

    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, "reservation.book"), eq(auditLog.entityId, booked.data.bookingId)));
    expect(audit).toMatchObject({ actorType: "resident", departmentId });
  });

  it("refuses outside the booking window and after the cancel deadline", async () => {
    const calendar = await createCalendar(departmentId, { opensDaysBefore: 7, closesHoursBefore: 24, cancelHoursBefore: 72 });
    const [bob] = await createResidents(1);
    expect(await runReservationAs(as(bob!), bookAsResident, { calendarId: calendar.id, startsAt: slotStart(20).toISOString() })).toMatchObject({ code: "not_open" });
    expect(await runReservationAs(as(bob!), bookAsResident, { calendarId: calendar.id, startsAt: slotStart(0, 5).toISOString() })).toMatchObject({ code: "closed" });
    const booked = await runReservationAs(as(bob!), bookAsResident, { calendarId: calendar.id, startsAt: slotStart(2).toISOString() });
    expect(booked.ok).toBe(true);
    if (!booked.ok) return;
    expect(await runReservationAs(as(bob!), cancelOwnBooking, { bookingId: booked.data.bookingId })).toMatchObject({ code: "cancel_deadline_passed" });
  });
});

describe("reminders", () => {
  it("go out the day before at the calendar's hour, once, and never for a cancelled booking (checked at send time)", async () => {
    const calendar = await createCalendar(departmentId, { reminderHour: 17 });
    const [kept, cancelled] = await createResidents(2);
    const startsAt = slotStart(2);
    const a = await runReservationAs(as(kept!), bookAsResident, { calendarId: calendar.id, startsAt: startsAt.toISOString() });
    const b = await runReservationAs(as(cancelled!), bookAsResident, { calendarId: calendar.id, startsAt: startsAt.toISOString() });
    if (!a.ok || !b.ok) throw new Error("booking failed");
    const due = reminderDueAt(17, startsAt);
    expect(await sendDueReminders(new Date(due.getTime() - 60_000))).toBe(0);
    expect(await runReservationAs(as(cancelled!), cancelOwnBooking, { bookingId: b.data.bookingId })).toMatchObject({ ok: true });
    const firstRound = await sendDueReminders(due);
    expect(firstRound).toBeGreaterThanOrEqual(1);
    expect(await outboxTexts(`reservation:${a.data.bookingId}:reminder`)).toHaveLength(1);
    expect((await outboxTexts(`reservation:${a.data.bookingId}:reminder`))[0]).toContain("【明日のご予約】");
    expect(await outboxTexts(`reservation:${b.data.bookingId}:reminder`)).toHaveLength(0);
    await runReservationJobsOnce(due);
    expect(await outboxTexts(`reservation:${a.data.bookingId}:reminder`)).toHaveLength(1);
  });

  it("a reminder already queued is withdrawn when the booking is cancelled before a worker sends it", async () => {
    const calendar = await createCalendar(departmentId, { reminderHour: 17 });
    const [resident] = await createResidents(1);
    const startsAt = slotStart(2);
    const booked = await runReservationAs(as(resident!), bookAsResident, { calendarId: calendar.id, startsAt: startsAt.toISOString() });
    if (!booked.ok) throw new Error("booking failed");
    expect(await sendDueReminders(reminderDueAt(17, startsAt))).toBeGreaterThanOrEqual(1);
    const key = `reservation:${booked.data.bookingId}:reminder`;
    const db = await getDb();
    const statusOf = async () => (await db.select({ status: lineOutbox.status }).from(lineOutbox).where(eq(lineOutbox.dedupeKey, key)))[0]?.status;
    expect(await statusOf()).toBe("pending");
    expect(await runReservationAs(as(resident!), cancelOwnBooking, { bookingId: booked.data.bookingId })).toMatchObject({ ok: true });
    // The worker claims only pending rows: the withdrawn reminder is never sent.
    expect(await statusOf()).toBe("withdrawn");
  });
});

describe("waitlist", () => {
  it("offers a freed seat to the first waiting resident with a time-limited link, then to the next", async () => {
    const calendar = await createCalendar(departmentId, { capacity: 1, waitlistOfferMinutes: 30 });
    const [holder, first, second] = await createResidents(3);
    const startsAt = slotStart(3).toISOString();
    const held = await runReservationAs(as(holder!), bookAsResident, { calendarId: calendar.id, startsAt });
    if (!held.ok) throw new Error(held.error);
    expect(await runReservationAs(as(first!), bookAsResident, { calendarId: calendar.id, startsAt })).toMatchObject({ ok: false, code: "full" });
    const w1 = await runReservationAs(as(first!), joinWaitlist, { calendarId: calendar.id, startsAt });
    const w2 = await runReservationAs(as(second!), joinWaitlist, { calendarId: calendar.id, startsAt });
    expect(await runReservationAs(as(first!), joinWaitlist, { calendarId: calendar.id, startsAt })).toMatchObject({ code: "already_waiting" });
    if (!w1.ok || !w2.ok) throw new Error("join failed");

    await runReservationAs(as(holder!), cancelOwnBooking, { bookingId: held.data.bookingId });
    const [offer] = await outboxTexts(`reservation-waitlist:${w1.data.waitlistId}:offer`);
    expect(offer).toContain("【空きが出ました】");
    const token = /\/reservations\/offer\/([A-Za-z0-9_-]+)/.exec(offer!)![1]!;
    // The held seat is not for anyone else.
    const db = await getDb();
    const [slot] = await db.select().from(reservationSlots).where(eq(reservationSlots.calendarId, calendar.id));
    expect(slot).toMatchObject({ booked: 0, held: 1 });
    expect(await runReservationAs(as(second!), bookAsResident, { calendarId: calendar.id, startsAt })).toMatchObject({ code: "full" });
    expect(await runReservationAs(as(second!), takeOffer, { token })).toMatchObject({ code: "offer_not_found" });

    // The first does not answer in time: the seat passes to the second.
    const db2 = await getDb();
    await db2.transaction((tx) => expireOffers(tx, new Date(Date.now() + 31 * 60_000)));
    expect(await runReservationAs(as(first!), takeOffer, { token })).toMatchObject({ code: "offer_expired" });
    const [offer2] = await outboxTexts(`reservation-waitlist:${w2.data.waitlistId}:offer`);
    const token2 = /\/reservations\/offer\/([A-Za-z0-9_-]+)/.exec(offer2!)![1]!;
    const taken = await runReservationAs(as(second!), takeOffer, { token: token2 });
    expect(taken.ok).toBe(true);
    const [after] = await db.select().from(reservationSlots).where(eq(reservationSlots.calendarId, calendar.id));
    expect(after).toMatchObject({ booked: 1, held: 0 });
    const entries = await db.select({ status: reservationWaitlist.status }).from(reservationWaitlist).where(eq(reservationWaitlist.slotId, after!.id));
    expect(entries.map((e) => e.status).sort()).toEqual(["expired", "taken"]);
  });
});

describe("counter staff", () => {
  it("book a caller without LINE, the resident links it later, staff cancel with a message, and record no-shows", async () => {
    const calendar = await createCalendar(departmentId, { capacity: 3, noShowLimit: 1 });
    const startsAt = slotStart(4).toISOString();
    const refused = await runGuarded(staff(otherCounter), staffBook, { calendarId: calendar.id, startsAt, guestName: "山田 花子", guestPhone: "0166-58-1234" });
    expect(refused).toMatchObject({ ok: false, status: 403 });
    const bad = await runGuarded(staff(counter), staffBook, { calendarId: calendar.id, startsAt, guestName: "", guestPhone: "abc" });
    expect(bad).toMatchObject({ ok: false, status: 400 });
    const booked = await runGuarded(staff(counter), staffBook, { calendarId: calendar.id, startsAt, guestName: "山田 花子", guestPhone: "0166-58-1234" });
    if (!booked.ok) throw new Error(booked.error);

    const [hanako] = await createResidents(1);
    expect(await runReservationAs(as(hanako!), linkCounterBooking, { bookingNumber: booked.data.bookingNumber, phoneLast4: "9999" })).toMatchObject({ code: "link_not_found" });
    expect((await runReservationAs(as(hanako!), linkCounterBooking, { bookingNumber: booked.data.bookingNumber.toLowerCase(), phoneLast4: "1234" })).ok).toBe(true);

    const cancelled = await runGuarded(staff(counter), staffCancel, { bookingId: booked.data.bookingId, reason: "会場の設備点検のため" });
    expect(cancelled.ok).toBe(true);
    const [message] = await outboxTexts(`reservation:${booked.data.bookingId}:cancelledByStaff`);
    expect(message).toContain("理由: 会場の設備点検のため");

    // A no-show can be recorded only once the slot has begun; at the limit, LINE booking is refused.
    const [late] = await createResidents(1);
    const db = await getDb();
    const past = await runGuarded(staff(counter), staffBook, { calendarId: calendar.id, startsAt: slotStart(5).toISOString(), guestName: "遅刻 太郎", guestPhone: "0166581111" });
    if (!past.ok) throw new Error(past.error);
    expect(await runGuarded(staff(counter), recordAttendance, { bookingId: past.data.bookingId, outcome: "no_show" })).toMatchObject({ ok: false, status: 409 });
    await db.update(reservationBookings).set({ residentId: late!.id }).where(eq(reservationBookings.id, past.data.bookingId));
    await db.execute(`update reservation_slots set starts_at = starts_at - interval '10 days', ends_at = ends_at - interval '10 days' where id = (select slot_id from reservation_bookings where id = '${past.data.bookingId}')`);
    expect(await runGuarded(staff(counter), recordAttendance, { bookingId: past.data.bookingId, outcome: "no_show" })).toMatchObject({ ok: true });
    expect(await runReservationAs(as(late!), bookAsResident, { calendarId: calendar.id, startsAt: slotStart(6).toISOString() })).toMatchObject({ code: "no_show_limit" });
  });

  it("weekly figures count bookings, cancellations, no-shows and the fill rate", async () => {
    const calendar = await createCalendar(departmentId, { capacity: 2, weekdays: [1, 2, 3, 4, 5], dayStartMinute: 9 * 60, dayEndMinute: 10 * 60, slotMinutes: 60 });
    const people = await createResidents(3);
    let day = 7;
    while (![1, 2, 3, 4, 5].includes(new Date(`${addDays(jstDate(new Date()), day)}T00:00:00Z`).getUTCDay())) day++;
    const startsAt = slotStart(day).toISOString();
    const results = await Promise.all(people.slice(0, 2).map((p) => runReservationAs(as(p), bookAsResident, { calendarId: calendar.id, startsAt })));
    const first = results[0]!;
    if (!first.ok) throw new Error(first.error);
    await runReservationAs(as(people[0]!), cancelOwnBooking, { bookingId: first.data.bookingId });
    const db = await getDb();
    const iso = jstDate(new Date(startsAt));
    const weeks = await getWeeklyFigures(db, { calendar, from: iso, weeks: 1 });
    expect(weeks[0]).toMatchObject({ bookings: 2, cancellations: 1, noShows: 0, filled: 1 });
    expect(weeks[0]!.seats).toBe(10);
    expect(weeks[0]!.fillRate).toBeCloseTo(0.1);
  });
});

describe("calendar settings", () => {
  it("department admins create calendars and blackout dates; town-wide closures are for system administrators; closed days cannot be booked", async () => {
    const admin = await createActor([{ departmentId, role: "dept_admin" }]);
    const settings = {
      departmentId,
      name: `会議室${Date.now()}`,
      kind: "facility",
      location: "本庁舎 2階",
      weekdays: [0, 1, 2, 3, 4, 5, 6],
      dayStart: "09:00",
      dayEnd: "17:00",
      slotMinutes: 60,
      capacity: 1,
      skipHolidays: false,
      opensDaysBefore: 60,
      closesHoursBefore: 0,
      cancelHoursBefore: 0,
      perResidentLimit: 2,
      noShowLimit: null,
      reminderHour: 18,
      waitlistOfferMinutes: 60,
      questions: [{ id: "purpose", label: "利用目的", required: true }],
      requiresJpki: false,
    };
    expect(await runGuarded(staff(counter), createCalendarOperation, settings)).toMatchObject({ ok: false, status: 403 });
    const created = await runGuarded(staff(admin), createCalendarOperation, settings);
    if (!created.ok) throw new Error(created.error);
    expect(await runGuarded(staff(admin), createCalendarOperation, settings)).toMatchObject({ ok: false, status: 409 });
    const calendarId = created.data.calendarId;
    const day = jstDate(slotStart(3));
    expect(await runGuarded(staff(admin), addClosure, { calendarId: null, departmentId, startsOn: day, endsOn: day, reason: "町の行事" })).toMatchObject({ ok: false, status: 403 });
    expect((await runGuarded(staff(admin), addClosure, { calendarId, departmentId, startsOn: day, endsOn: day, reason: "館内点検" })).ok).toBe(true);
    const [resident] = await createResidents(1);
    expect(await runReservationAs(as(resident!), bookAsResident, { calendarId, startsAt: slotStart(3).toISOString(), answers: { purpose: "会議" } })).toMatchObject({ code: "no_such_slot" });
    const db = await getDb();
    const calendar = (await getCalendarById(db, { calendarId }))!;
    const view = await getMonthView(db, { calendar, month: day.slice(0, 7) });
    expect(view.find((d) => d.date === day)!.closure).toEqual({ kind: "closure", reason: "館内点検" });
  });
});
