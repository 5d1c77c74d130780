import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/db";
import { departments, type Site } from "@/db/schema/departments";
import { reservationCalendars, reservationClosures, type BookingQuestion } from "@/db/schema/reservations";
import { jstDate } from "@/lib/reservations/rules";

/** Departments the demo calendars belong to, created when missing (保健福祉課 and 教育委員会 come with the base demo). */
const DEPARTMENTS: { code: string; name: string; site: Site; phone: string; counterHours: string }[] = [
  { code: "hoken-fukushi", name: "保健福祉課", site: "本庁舎", phone: "0166-58-2113", counterHours: "平日 8:30〜17:15" },
  { code: "kyoiku", name: "教育委員会", site: "支所", phone: "0166-58-2115", counterHours: "平日 9:00〜17:00" },
  { code: "soumu", name: "総務課", site: "本庁舎", phone: "0166-58-2110", counterHours: "平日 8:30〜17:15" },
];

const WEEKDAYS = [1, 2, 3, 4, 5];
const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6];
const h = (hours: number, minutes = 0) => hours * 60 + minutes;

const checkupCourse: BookingQuestion = { id: "course", label: "受診する健診", required: true, options: ["特定健診のみ", "特定健診＋心電図", "特定健診＋眼底検査"] };
const cancerType: BookingQuestion = { id: "screening", label: "受ける検診", required: true, options: ["胃がん検診", "大腸がん検診", "肺がん検診", "乳がん検診", "子宮頸がん検診"] };
const purpose: BookingQuestion = { id: "purpose", label: "利用目的", required: true };
const people: BookingQuestion = { id: "people", label: "利用人数", required: true, options: ["1〜5人", "6〜10人", "11〜20人", "21人以上"] };

type CalendarSeed = Omit<typeof reservationCalendars.$inferInsert, "departmentId"> & { departmentCode: string };

const CALENDARS: CalendarSeed[] = [
  {
    departmentCode: "hoken-fukushi", name: "特定健診", kind: "checkup", location: "保健センター（本庁舎となり）",
    description: "40〜74歳の国民健康保険加入者の方。受診券と保険証をお持ちください。",
    weekdays: [2, 4], dayStartMinute: h(9), dayEndMinute: h(11, 30), slotMinutes: 30, capacity: 20,
    opensDaysBefore: 60, closesHoursBefore: 24, cancelHoursBefore: 24, perResidentLimit: 1, noShowLimit: 3, questions: [checkupCourse],
  },
  {
    departmentCode: "hoken-fukushi", name: "がん検診", kind: "checkup", location: "保健センター（本庁舎となり）",
    description: "検診の種類ごとに対象年齢があります。本人確認のうえ予約してください。",
    weekdays: [1, 3, 5], dayStartMinute: h(13), dayEndMinute: h(16), slotMinutes: 60, capacity: 10,
    opensDaysBefore: 60, closesHoursBefore: 48, cancelHoursBefore: 48, perResidentLimit: 2, noShowLimit: 3, questions: [cancerType], requiresJpki: true,
  },
  ...(["本庁舎", "支所"] as const).flatMap((site): CalendarSeed[] => [
    {
      departmentCode: "kyoiku", name: `体育館（${site}）`, kind: "facility", location: `${site} 町民体育館`,
      weekdays: EVERY_DAY, dayStartMinute: h(9), dayEndMinute: h(21), slotMinutes: 120, capacity: 1,
      opensDaysBefore: 30, closesHoursBefore: 24, cancelHoursBefore: 24, perResidentLimit: 2, noShowLimit: 2, questions: [purpose, people],
    },
    {
      departmentCode: "soumu", name: `会議室（${site}）`, kind: "facility", location: `${site} 2階 会議室`,
      weekdays: WEEKDAYS, dayStartMinute: h(9), dayEndMinute: h(17), slotMinutes: 60, capacity: 1,
      opensDaysBefore: 30, closesHoursBefore: 24, cancelHoursBefore: 24, perResidentLimit: 2, noShowLimit: 2, questions: [purpose, people],
    },
  ]),
];

/** Idempotent demo calendars and the town's 年末年始 closure for this year and next. */
export async function seedDemoReservations(db: Executor): Promise<{ calendars: number }> {
  await db.insert(departments).values(DEPARTMENTS).onConflictDoNothing();
  const rows = await db.select({ id: departments.id, code: departments.code }).from(departments);
  const idOf = (code: string) => rows.find((d) => d.code === code)?.id;
  let created = 0;
  for (const { departmentCode, ...calendar } of CALENDARS) {
    const departmentId = idOf(departmentCode);
    if (!departmentId) continue;
    const inserted = await db.insert(reservationCalendars).values({ ...calendar, departmentId }).onConflictDoNothing().returning({ id: reservationCalendars.id });
    created += inserted.length;
  }
  const year = Number(jstDate(new Date()).slice(0, 4));
  for (const y of [year, year + 1]) {
    const startsOn = `${y}-12-29`;
    const [exists] = await db.select({ id: reservationClosures.id }).from(reservationClosures).where(and(isNull(reservationClosures.calendarId), eq(reservationClosures.startsOn, startsOn)));
    if (!exists) await db.insert(reservationClosures).values({ calendarId: null, startsOn, endsOn: `${y + 1}-01-03`, reason: "年末年始" });
  }
  return { calendars: created };
}
