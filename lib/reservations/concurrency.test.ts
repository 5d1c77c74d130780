import { and, eq, ne, sql } from "drizzle-orm";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "@/db";
import { rowsOf } from "@/db/rows";
import { reservationBookings, reservationSlots, reservationWaitlist } from "@/db/schema/reservations";
import type { ResidentActor } from "@/lib/residents/guard";
import { createDepartment } from "@/lib/testing/factories";
import { createCalendar, createResidents, slotStart } from "@/lib/testing/reservation-factories";
import { RESERVATION_MESSAGES } from "./messages";
import { bookAsResident, cancelOwnBooking, joinWaitlist, runReservationAs } from "./resident-operations";

// Real concurrency needs real PostgreSQL (PGlite runs one statement at a time): `npm run test:pg`.
const databaseUrl = inject("testDatabaseUrl");

let departmentId: string;
beforeAll(async () => {
  departmentId = (await createDepartment()).id;
});

const as = (resident: ResidentActor) => ({ resident, requestId: null });

async function slotState(calendarId: string, startsAt: Date) {
  const db = await getDb();
  const [slot] = await db.select().from(reservationSlots).where(and(eq(reservationSlots.calendarId, calendarId), eq(reservationSlots.startsAt, startsAt)));
  const [live] = await db
    .select({ n: sql<number>`count(*)::int`, residents: sql<number>`count(distinct resident_id)::int` })
    .from(reservationBookings)
    .where(and(eq(reservationBookings.slotId, slot!.id), ne(reservationBookings.status, "cancelled")));
  const [offered] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(reservationWaitlist)
    .where(and(eq(reservationWaitlist.slotId, slot!.id), eq(reservationWaitlist.status, "offered")));
  return { slot: slot!, live: live!.n, distinctResidents: live!.residents, offered: offered!.n };
}

describe.runIf(databaseUrl)("reservations under concurrency (PostgreSQL)", () => {
  it("1,000 concurrent bookings for a slot of capacity 20: exactly 20 succeed, the rest are told 満員です with the waitlist offered", async () => {
    const calendar = await createCalendar(departmentId, { capacity: 20 });
    const startsAt = slotStart(3);
    const people = await createResidents(1000);
    const results = await Promise.all(people.map((resident) => runReservationAs(as(resident), bookAsResident, { calendarId: calendar.id, startsAt: startsAt.toISOString() })));

    const ok = results.filter((r) => r.ok);
    const refused = results.filter((r) => !r.ok);
    expect(ok).toHaveLength(20);
    expect(refused).toHaveLength(980);
    for (const failure of refused) {
      expect(failure).toMatchObject({ ok: false, status: 409, code: "full", error: "満員です。キャンセル待ちに登録できます。" });
    }
    expect(RESERVATION_MESSAGES.ja.refusals.full).toMatch(/^満員です/);
    const state = await slotState(calendar.id, startsAt);
    expect(state.slot.booked).toBe(20);
    expect(state.live).toBe(20);
    expect(state.distinctResidents).toBe(20);

    // The waitlist the refusal offers is really open to them.
    const refusedResident = people[results.findIndex((r) => !r.ok)]!;
    const joined = await runReservationAs(as(refusedResident), joinWaitlist, { calendarId: calendar.id, startsAt: startsAt.toISOString() });
    expect(joined.ok).toBe(true);
  }, 240_000);

  it("one resident booking the same slot 30 times at once gets exactly one booking", async () => {
    const calendar = await createCalendar(departmentId, { capacity: 50 });
    const startsAt = slotStart(4);
    const [resident] = await createResidents(1);
    const results = await Promise.all(Array.from({ length: 30 }, () => runReservationAs(as(resident!), bookAsResident, { calendarId: calendar.id, startsAt: startsAt.toISOString() })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => r.code === "already_booked")).toBe(true);
    const state = await slotState(calendar.id, startsAt);
    expect(state.slot.booked).toBe(1);
  });

  it("concurrent cancellations, bookings and waitlist joins keep the count exact (randomised rounds)", async () => {
    const capacity = 8;
    const calendar = await createCalendar(departmentId, { capacity });
    const startsAt = slotStart(5);
    const people = await createResidents(40);
    const bookingOf = new Map<string, string>();
    let seed = 20261201;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

    for (let round = 0; round < 12; round++) {
      const ops = people.map(async (resident) => {
        const roll = random();
        const bookingId = bookingOf.get(resident.id);
        if (bookingId && roll < 0.5) {
          const result = await runReservationAs(as(resident), cancelOwnBooking, { bookingId });
          if (result.ok) bookingOf.delete(resident.id);
        } else if (!bookingId && roll < 0.8) {
          const result = await runReservationAs(as(resident), bookAsResident, { calendarId: calendar.id, startsAt: startsAt.toISOString() });
          if (result.ok) bookingOf.set(resident.id, result.data.bookingId);
          else if (result.code === "full" && roll < 0.3) await runReservationAs(as(resident), joinWaitlist, { calendarId: calendar.id, startsAt: startsAt.toISOString() });
        }
      });
      await Promise.all(ops);
      const state = await slotState(calendar.id, startsAt);
      expect(state.slot.booked).toBe(state.live);
      expect(state.live).toBe(bookingOf.size);
      expect(state.distinctResidents).toBe(state.live);
      expect(state.slot.held).toBe(state.offered);
      expect(state.slot.booked + state.slot.held).toBeLessThanOrEqual(capacity);
    }
  }, 240_000);

  it("the database itself refuses a booking past capacity, even one written without the application's checks", async () => {
    const calendar = await createCalendar(departmentId, { capacity: 1 });
    const startsAt = slotStart(6);
    const [a, b] = await createResidents(2);
    expect((await runReservationAs(as(a!), bookAsResident, { calendarId: calendar.id, startsAt: startsAt.toISOString() })).ok).toBe(true);
    const db = await getDb();
    const { slot } = await slotState(calendar.id, startsAt);
    await expect(
      db.insert(reservationBookings).values({ slotId: slot.id, calendarId: calendar.id, residentId: b!.id, bookingNumber: "RX-raw", channel: "line" }),
    ).rejects.toThrow();
    await expect(db.execute(sql`delete from reservation_bookings where slot_id = ${slot.id}`)).rejects.toThrow();
    const rows = rowsOf<{ booked: number }>(await db.execute(sql`select booked from reservation_slots where id = ${slot.id}`));
    expect(rows[0]!.booked).toBe(1);
  });
});
