import { expect, test, type Browser, type Page } from "playwright/test";
import { storageStateFor, type DemoAccountKey } from "./accounts";

/**
 * Form submissions in the review pipeline (issue 15, items 4 and 5): counter staff enter paper forms (fee in cash,
 * printable receipt), a reviewer approves one and marks it 発送済み, fixes a 粗大ごみ fee (事後決済), and rejects a
 * paid one and sees the refund; the department inbox lists what still waits.
 */
test.describe.configure({ mode: "serial" });

async function staffPage(browser: Browser, key: DemoAccountKey): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStateFor(key), viewport: { width: 1366, height: 900 } });
  return context.newPage();
}

async function openCounterForm(page: Page, title: string) {
  await page.goto("/admin/counter/forms");
  await page.getByRole("link", { name: title }).click();
  await page.waitForURL(/\/admin\/counter\/forms\/[0-9a-f-]{36}$/);
}

/** 戸籍証明書 on paper: identity typed from the form, one 謄本, fee 590円 received in cash. */
async function enterKoseki(page: Page, name: string): Promise<string> {
  await openCounterForm(page, "戸籍証明書の交付申請");
  await page.getByLabel(/^氏名/).fill(name);
  await page.getByLabel(/^住所/).fill("北海道上川郡当麻町3条東2丁目11番1号");
  await page.getByLabel(/^生年月日/).fill("1970-05-05");
  await page.getByLabel(/^確認した本人確認書類/).selectOption({ label: "運転免許証" });
  await page.getByLabel(/^戸籍の筆頭者・本人との関係/).selectOption("self");
  await page.getByLabel(/^本籍/).fill("北海道上川郡当麻町");
  await page.getByLabel(/^筆頭者の氏名/).fill(name);
  await page.getByLabel(/^種類/).selectOption("tohon");
  await page.getByLabel(/^通数/).fill("1");
  await page.getByLabel(/^使いみち/).selectOption("passport");
  await page.getByLabel(/^日中に連絡がとれる電話番号/).fill("0166-58-2111");
  await page.getByLabel(/^申請内容の確認/).check();
  await page.getByRole("button", { name: "入力内容を確認" }).click();
  const fee = page.getByRole("region", { name: "手数料の受け取り" });
  await expect(fee).toContainText("合計 590円");
  const register = fee.getByRole("button", { name: "申請を登録して受付票を出す" });
  await expect(register).toBeDisabled();
  await fee.getByLabel(/現金で受け取りました/).check();
  await register.click();
  await page.waitForURL(/\/admin\/counter\/forms\/receipt\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("receipt-fee")).toHaveText("590円");
  return (await page.getByTestId("receipt-number").innerText()).trim();
}

async function openSubmission(page: Page, reference: string) {
  await page.goto(`/admin/submissions?status=all&q=${reference}`);
  await page.getByRole("table", { name: "電子申請の一覧" }).getByRole("link", { name: reference }).click();
  await page.waitForURL(/\/admin\/submissions\/[0-9a-f-]{36}/);
}

let approvedRef = "";
let rejectedRef = "";
let sodaiRef = "";

test("counter: paper forms entered with the fee in cash; a bad answer names its question", async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await staffPage(browser, "counter");
  // An answer the form refuses is named, and nothing is registered.
  await openCounterForm(page, "粗大ごみ収集の申込み");
  await page.getByLabel(/^確認した本人確認書類/).selectOption({ label: "運転免許証" });
  await page.getByLabel(/^お名前/).fill("粗大 次郎");
  await page.getByLabel(/^郵便番号/).fill("078-1392");
  await page.getByLabel(/^住所/).fill("当麻町3条東2丁目");
  await page.getByLabel(/^日中に連絡がとれる電話番号/).fill("0166-58-2111");
  await page.getByLabel(/^品目/).fill("たんす");
  await page.getByLabel(/^個数/).fill("99");
  await page.getByLabel(/^希望する収集日/).fill("2030-01-10");
  await page.getByLabel(/^搬出の確認/).check();
  await page.getByRole("button", { name: "入力内容を確認" }).click();
  await expect(page.getByText("「品目 1: 個数」は20以下にしてください").first()).toBeVisible();
  await page.getByLabel(/^個数/).fill("2");
  await page.getByRole("button", { name: "入力内容を確認" }).click();
  const fee = page.getByRole("region", { name: "手数料の受け取り" });
  await expect(fee).toContainText("審査のあとに担当課が確定します");
  await fee.getByRole("button", { name: "申請を登録して受付票を出す" }).click();
  await page.waitForURL(/\/admin\/counter\/forms\/receipt\//);
  await expect(page.getByTestId("receipt-fee")).toHaveText("審査のあとにお知らせします");
  sodaiRef = (await page.getByTestId("receipt-number").innerText()).trim();

  approvedRef = await enterKoseki(page, "窓口 一子");
  rejectedRef = await enterKoseki(page, "窓口 二子");
  expect(new Set([sodaiRef, approvedRef, rejectedRef]).size).toBe(3);
  await page.context().close();
});

test("reviewer: the inbox lists them; approve and mark 発送済み; fix the 粗大ごみ fee; reject a paid one and see the refund", async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await staffPage(browser, "reviewer");

  await page.goto("/admin/inbox");
  const inbox = page.getByRole("table", { name: /対応を待っている申請/ });
  await expect(inbox.getByRole("row", { name: new RegExp(sodaiRef) })).toContainText("手数料の確定");
  await expect(inbox.getByRole("row", { name: new RegExp(approvedRef) })).toContainText("審査");

  // The queue opens on 審査待ち and finds a submission by the applicant's name.
  await page.goto(`/admin/submissions?q=${encodeURIComponent("窓口一子")}`);
  await expect(page.getByRole("search", { name: "申請の絞り込み" }).getByLabel("状態")).toHaveValue("submitted");
  await expect(page.getByRole("table", { name: "電子申請の一覧" }).getByRole("link", { name: approvedRef })).toBeVisible();

  await openSubmission(page, approvedRef);
  await expect(page.getByRole("region", { name: /申請者（基本4情報/ })).toContainText("窓口 一子");
  const review = page.getByRole("region", { name: "審査", exact: true });
  await review.getByRole("radio", { name: "承認する" }).check();
  await review.getByRole("button", { name: "承認する" }).click();
  // The decided state arrives with the action's response: who approved, and the 交付・発送 form.
  await expect(review.getByRole("status").filter({ hasText: "審査 一郎さんが承認しました" })).toBeVisible();
  await review.getByLabel(/^交付・発送/).selectOption("mailed");
  await review.getByLabel(/^日付/).fill("2026-12-02");
  await review.getByRole("button", { name: "記録する" }).click();
  await expect(review).toContainText("令和8年12月2日に発送済みです。");
  await expect(page.getByRole("region", { name: "申請の概要" })).toContainText("処理完了");
  await expect(page.getByRole("region", { name: "申請の概要" })).toContainText("令和8年12月2日");

  await openSubmission(page, sodaiRef);
  await review.getByLabel(/^手数料（円）/).fill("30");
  await review.getByRole("button", { name: "手数料を確定する" }).click();
  await expect(review.getByText("手数料があるときは50円以上にしてください（決済の下限）")).toBeVisible();
  await review.getByLabel(/^手数料（円）/).fill("1200");
  await review.getByRole("button", { name: "手数料を確定する" }).click();
  await expect(review.getByText("手数料を 1,200円 に確定しました。")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("region", { name: "申請の概要" })).toContainText("1,200円");

  await openSubmission(page, rejectedRef);
  await review.getByRole("radio", { name: /却下する/ }).check();
  await review.getByLabel(/^理由/).fill("本籍の記載が確認できません。");
  await review.getByRole("button", { name: "却下する" }).click();
  await expect(review).toContainText("審査 一郎さんが却下しました");
  await expect(review.getByText("納付済みの手数料 590円 を返金しました。").first()).toBeVisible();
  await page.reload();
  await expect(page.getByRole("region", { name: "納付の履歴" })).toContainText("返金済み");
  await page.context().close();
});
