import { randomUUID } from "node:crypto";
import { getDb } from "@/db";
import { reservationCalendars, type ReservationCalendar } from "@/db/schema/reservations";
import { residents } from "@/db/schema/residents";
import type { ResidentActor } from "@/lib/residents/guard";
import { addDays, jstDate, jstInstant } from "@/lib/reservations/rules";

/** A calendar open every day 9:00–12:00 in 30-minute slots, bookable from 400 days ahead until the start. */
export async function createCalendar(departmentId: string, overrides: Partial<typeof reservationCalendars.$inferInsert> = {}): Promise<ReservationCalendar> {
  const db = await getDb();
  const [row] = await db
    .insert(reservationCalendars)
    .values({
      departmentId,
      name: `テスト健診${randomUUID().slice(0, 8)}`,
      kind: "checkup",
      location: "保健センター",
      weekdays: [0, 1, 2, 3, 4, 5, 6],
      dayStartMinute: 9 * 60,
      dayEndMinute: 12 * 60,
      slotMinutes: 30,
      capacity: 20,
      skipHolidays: false,
      opensDaysBefore: 400,
      closesHoursBefore: 0,
      cancelHoursBefore: 0,
      perResidentLimit: 5,
      ...overrides,
    })
    .returning();
  return row!;
}

export async function createResidents(count: number): Promise<ResidentActor[]> {
  const db = await getDb();
  const rows = await db
    .insert(residents)
    .values(Array.from({ length: count }, (_, i) => ({ lineUserId: `U${randomUUID().replaceAll("-", "")}`, displayName: `住民${i}`, following: true })))
    .returning();
  return rows.map((r) => ({ id: r.id, lineUserId: r.lineUserId, displayName: r.displayName }));
}

/** A slot start `days` days from today (JST) at 9:00 + `slotIndex` × 30 minutes. */
export function slotStart(days: number, slotIndex = 0): Date {
  return jstInstant(addDays(jstDate(new Date()), days), 9 * 60 + slotIndex * 30);
}
