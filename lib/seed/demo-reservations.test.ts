import { inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { departments } from "@/db/schema/departments";
import { reservationCalendars, reservationClosures } from "@/db/schema/reservations";
import { seedDemoReservations } from "./demo-reservations";

describe("demo reservations", () => {
  it("creates the case study's calendars and the 年末年始 closure once, with their departments", async () => {
    const db = await getDb();
    await seedDemoReservations(db);
    await seedDemoReservations(db);
    const owners = await db.select({ id: departments.id, name: departments.name }).from(departments).where(inArray(departments.code, ["hoken-fukushi", "kyoiku", "soumu"]));
    expect(owners.map((d) => d.name).sort()).toEqual(["教育委員会", "保健福祉課", "総務課"].sort());
    const calendars = await db.select({ name: reservationCalendars.name }).from(reservationCalendars).where(inArray(reservationCalendars.departmentId, owners.map((d) => d.id)));
    expect(calendars.map((c) => c.name).sort()).toEqual(["がん検診", "会議室（支所）", "会議室（本庁舎）", "体育館（支所）", "体育館（本庁舎）", "特定健診"].sort());
    const closures = await db.select().from(reservationClosures);
    expect(closures.filter((c) => c.reason === "年末年始" && c.calendarId === null)).toHaveLength(2);
  });
});
