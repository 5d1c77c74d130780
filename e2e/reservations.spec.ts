import { expect, test, type Browser, type Page } from "playwright/test";
import { expectLineTalk, go, signedInPhone } from "./helpers";

/**
 * Reservations end to end on the production build: a resident books a 健診 slot in LIFF, sees it in my bookings
 * and gets the day-before reminder in /dev/line; a second resident cancels a full facility slot and the resident
 * on its waitlist is offered the seat on LINE and takes it.
 */
test.describe.configure({ mode: "serial" });

/** Opens a calendar and the first day with free seats (this month or a later one), then its first free slot. */
async function openFirstFreeSlot(phone: Page, calendar: RegExp): Promise<number> {
  await phone.goto("/liff/reservations");
  await go(phone, phone.getByRole("link", { name: calendar }), /\/liff\/reservations\/[0-9a-f-]{36}/);
  for (let i = 0; i < 3; i++) {
    const day = phone.getByTestId("month-view").getByRole("link", { name: /残り/ }).first();
    if ((await day.count()) > 0) {
      await go(phone, day, /date=\d{4}-\d{2}-\d{2}/);
      break;
    }
    await go(phone, phone.getByRole("link", { name: /次の月/ }), /month=/);
  }
  await go(phone, phone.getByTestId("day-slots").getByRole("link", { name: /残り/ }).first(), /\/book\?at=\d+/);
  return Number(new URL(phone.url()).searchParams.get("at"));
}

test("a resident books a 健診 slot, sees it in my bookings, and the reminder job sends the reminder", async ({ browser }) => {
  test.setTimeout(180_000);
  const phone = await signedInPhone(browser, /（しげる）/);
  const at = await openFirstFreeSlot(phone, /特定健診/);
  await expect(phone.getByTestId("booking-summary")).toContainText("令和");
  await phone.getByLabel(/受診する健診/).selectOption("特定健診＋心電図");
  await phone.getByRole("button", { name: "この内容で予約する" }).click();
  const done = phone.getByTestId("booking-done");
  await expect(done).toContainText("予約番号は R");
  const bookingNumber = /R\d{7}/.exec(await done.innerText())![0];

  await go(phone, done.getByRole("link", { name: "予約の確認・取り消し" }), /\/liff\/reservations\/mine$/);
  const mine = phone.getByTestId("own-booking").filter({ hasText: bookingNumber });
  await expect(mine).toContainText("特定健診");
  await expect(mine.getByTestId("own-booking-status")).toHaveText("予約中");
  await expectLineTalk(browser, "shigeru", [bookingNumber]);

  // The reminder job's round as the clock reads 17:00 (JST) on the day before the slot.
  const dayBefore = new Date(at + 9 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
  const response = await phone.request.post("/api/dev/reservation-jobs", { data: { at: `${dayBefore}T17:00:00+09:00` } });
  expect(response.ok()).toBe(true);
  expect((await response.json()).reminders).toBeGreaterThanOrEqual(1);
  const talk = await expectLineTalk(browser, "shigeru", ["【明日のご予約】"]);
  expect(talk).toContain(bookingNumber);
});

test("a resident cancels a full slot and the first on its waitlist is offered the seat, then takes it", async ({ browser }) => {
  test.setTimeout(240_000);
  // 山田 正 books a 体育館 slot (one group per slot).
  const holder = await signedInPhone(browser, /（山田）/);
  const at = await openFirstFreeSlot(holder, /体育館（本庁舎）/);
  const bookPath = new URL(holder.url()).pathname + new URL(holder.url()).search;
  await holder.getByLabel(/利用目的/).fill("バドミントン練習");
  await holder.getByLabel(/利用人数/).selectOption("6〜10人");
  await holder.getByRole("button", { name: "この内容で予約する" }).click();
  await expect(holder.getByTestId("booking-done")).toContainText("予約番号は R");

  // 木村 美咲 finds it full and joins the waitlist.
  const waiting = await signedInPhone(browser, /（みさき）/);
  await waiting.goto(bookPath);
  await expect(waiting.getByTestId("booking-summary")).toContainText("満員");
  await waiting.getByLabel(/利用目的/).fill("卓球サークル");
  await waiting.getByLabel(/利用人数/).selectOption("1〜5人");
  await waiting.getByRole("button", { name: "キャンセル待ちに登録する" }).click();
  await expect(waiting.getByTestId("booking-done")).toContainText("キャンセル待ちに登録しました");
  await waiting.goto("/liff/reservations/mine");
  await expect(waiting.getByTestId("own-waitlist")).toContainText("キャンセル待ち");

  // 山田 cancels; the seat is held for 木村 and offered on LINE with a time-limited link.
  await holder.goto("/liff/reservations/mine");
  holder.once("dialog", (dialog) => void dialog.accept());
  await holder.getByTestId("own-booking").filter({ hasText: "体育館" }).getByTestId("cancel-booking").click();
  await expect(holder.getByTestId("own-booking").filter({ hasText: "体育館" }).getByTestId("own-booking-status")).toHaveText("取り消し済み");
  const talk = await expectLineTalk(browser, "kimura", ["【空きが出ました】"]);
  const link = /https?:\/\/\S+\/liff\/reservations\/offer\/[A-Za-z0-9_-]+/.exec(talk)![0];

  await waiting.goto(new URL(link).pathname);
  await expect(waiting.getByTestId("offer-summary")).toContainText("体育館（本庁舎）");
  await waiting.getByTestId("take-offer").click();
  await waiting.waitForURL(/\/liff\/reservations\/mine$/);
  await expect(waiting.getByTestId("own-booking").filter({ hasText: "体育館" }).getByTestId("own-booking-status")).toHaveText("予約中");
  await expectLineTalk(browser, "kimura", ["【予約完了】"]);
  expect(at).toBeGreaterThan(Date.now());
});
