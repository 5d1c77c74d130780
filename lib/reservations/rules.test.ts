import { describe, expect, it } from "vitest";
import { HOLIDAY_JP, publicHoliday, type HolidaySource } from "./holidays";
import { furiganaParts, lineText, RESERVATION_MESSAGES } from "./messages";
import { bookingWindow, dayClosure, jstDate, jstInstant, reminderDueAt, slotTimesOf, weekStartOf } from "./rules";
import { answerProblems, calendarSchema } from "./validations";

const weekdaysOnly = { weekdays: [1, 2, 3, 4, 5], skipHolidays: true };

describe("calendar days", () => {
  it("skips weekends, public holidays (from @holiday-jp) and closures, and says which", () => {
    expect(dayClosure(weekdaysOnly, "2026-01-03", [])).toEqual({ kind: "weekday" }); // Saturday
    expect(dayClosure(weekdaysOnly, "2026-01-12", [])).toEqual({ kind: "holiday", name: "成人の日" }); // 2nd Monday
    expect(dayClosure(weekdaysOnly, "2026-01-13", [])).toBeNull();
    const newYear = [{ calendarId: null, startsOn: "2026-12-29", endsOn: "2027-01-03", reason: "年末年始" }];
    expect(dayClosure({ ...weekdaysOnly, id: "c1" }, "2026-12-29", newYear)).toEqual({ kind: "closure", reason: "年末年始" });
    const blackout = [{ calendarId: "c2", startsOn: "2026-02-02", endsOn: "2026-02-02", reason: "館内点検" }];
    expect(dayClosure({ ...weekdaysOnly, id: "c1" }, "2026-02-02", blackout)).toBeNull();
    expect(dayClosure({ ...weekdaysOnly, id: "c2" }, "2026-02-02", blackout)).toEqual({ kind: "closure", reason: "館内点検" });
  });

  it("a calendar years ahead keeps working past the package's data, and when the package throws", () => {
    expect(HOLIDAY_JP.lastKnownYear).toBeGreaterThanOrEqual(2050);
    const farYear = HOLIDAY_JP.lastKnownYear + 3;
    // Past the data: the fixed-date holidays still close the calendar; an ordinary day stays open.
    expect(publicHoliday(`${farYear}-11-03`)).toEqual({ name: "文化の日", estimated: true });
    expect(publicHoliday(`${farYear}-06-10`)).toBeNull();
    const throwing: HolidaySource = {
      lastKnownYear: 9999,
      lookup: () => {
        throw new RangeError("out of range");
      },
    };
    expect(publicHoliday("2031-01-01", throwing)).toEqual({ name: "元日", estimated: true });
    expect(publicHoliday("2031-06-10", throwing)).toBeNull();
    expect(() => dayClosure(weekdaysOnly, `${farYear}-06-10`, [])).not.toThrow();
    // Every day of a far-future year answers without throwing.
    for (let d = 0; d < 366; d++) expect(() => dayClosure(weekdaysOnly, jstDate(new Date(Date.UTC(farYear, 0, 1 + d))), [])).not.toThrow();
  });

  it("slots fill the hours in steps of the slot length, in JST", () => {
    const slots = slotTimesOf({ dayStartMinute: 9 * 60, dayEndMinute: 10 * 60 + 45, slotMinutes: 30 }, "2026-01-13");
    expect(slots.map((s) => s.startsAt.toISOString())).toEqual(["2026-01-13T00:00:00.000Z", "2026-01-13T00:30:00.000Z", "2026-01-13T01:00:00.000Z"]);
    expect(weekStartOf("2026-01-18")).toBe("2026-01-12");
    expect(weekStartOf("2026-01-12")).toBe("2026-01-12");
  });

  it("the booking window opens N days before (JST midnight) and closes M hours before the start", () => {
    const rules = { opensDaysBefore: 30, closesHoursBefore: 24 };
    const startsAt = jstInstant("2026-03-10", 9 * 60);
    expect(bookingWindow(rules, startsAt, jstInstant("2026-02-07", 23 * 60 + 59))).toBe("not_open");
    expect(bookingWindow(rules, startsAt, jstInstant("2026-02-08", 0))).toBe("open");
    expect(bookingWindow(rules, startsAt, jstInstant("2026-03-09", 8 * 60 + 59))).toBe("open");
    expect(bookingWindow(rules, startsAt, jstInstant("2026-03-09", 9 * 60))).toBe("closed");
    expect(reminderDueAt(17, startsAt).toISOString()).toBe(jstInstant("2026-03-09", 17 * 60).toISOString());
  });
});

describe("questions and calendar settings", () => {
  const questions = [{ id: "course", label: "受診する健診", required: true, options: ["特定健診", "特定健診＋胃がん検診"] }, { id: "note", label: "連絡事項", required: false }];
  it("requires answers to required questions, and choices among the options", () => {
    expect(answerProblems(questions, { course: "特定健診" })).toEqual({});
    expect(answerProblems(questions, {})).toEqual({ course: "「受診する健診」に答えてください" });
    expect(answerProblems(questions, { course: "人間ドック" })).toEqual({ course: "「受診する健診」は選択肢から選んでください" });
    expect(answerProblems(questions, { course: "特定健診", other: "x" })).toEqual({ other: "この質問はありません" });
  });

  it("refuses impossible calendar settings with Japanese messages", () => {
    const result = calendarSchema.safeParse({
      departmentId: "00000000-0000-4000-8000-000000000001",
      name: "体育館",
      kind: "facility",
      location: "本庁舎",
      weekdays: [],
      dayStart: "17:00",
      dayEnd: "09:00",
      slotMinutes: 60,
      capacity: 1,
      skipHolidays: true,
      opensDaysBefore: 30,
      closesHoursBefore: 24,
      cancelHoursBefore: 24,
      perResidentLimit: 2,
      noShowLimit: null,
      reminderHour: 17,
      waitlistOfferMinutes: 120,
      questions: [],
      requiresJpki: false,
    });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => i.message);
    expect(messages).toContain("受け付ける曜日を1つ以上選んでください");
  });
});

describe("messages", () => {
  it("exist in all three languages, and easy Japanese carries readings for its kanji", () => {
    for (const t of Object.values(RESERVATION_MESSAGES)) expect(t.refusals.full).toBeTruthy();
    expect(furiganaParts("{予約|よやく}を やめる")).toEqual([["予約", "よやく"], "を やめる"]);
    expect(lineText(RESERVATION_MESSAGES["ja-easy"].cancel)).toBe("予約（よやく）を やめる");
    const when = { startsAt: jstInstant("2026-01-15", 9 * 60), endsAt: jstInstant("2026-01-15", 9 * 60 + 30) };
    expect(RESERVATION_MESSAGES.ja.line.reminder({ calendar: "特定健診", location: "保健センター", number: "R0000001", ...when })).toContain("令和8年1月15日（木） 09:00〜09:30");
    expect(RESERVATION_MESSAGES.en.line.reminder({ calendar: "特定健診", location: "保健センター", number: "R0000001", ...when })).toContain("Thu, 15 January 2026, 09:00–09:30");
  });
});
