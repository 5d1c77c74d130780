import { expect, test, type Browser, type Locator, type Page } from "playwright/test";
import { JPKI_ISSUER_PAGE } from "./env";
import { chooseResidentLanguage } from "./helpers";

/**
 * 電子申請 on the production build: a resident files 戸籍証明書 in LIFF with JPKI, saves halfway and comes back,
 * checks the answers, pays through the payment simulator and gets a receipt and a LINE message.
 * The helpers below are shared by the staff steps of the same case.
 */
test.describe.configure({ mode: "serial" });

const KOSEKI = "戸籍証明書の交付申請";

/** Clicks and waits for the URL; retries the click when it lands before the page has hydrated. */
async function go(page: Page, target: Locator, url: RegExp): Promise<void> {
  await expect(async () => {
    if (!url.test(page.url())) await target.click({ timeout: 5_000 });
    await page.waitForURL(url, { timeout: 10_000 });
  }).toPass({ timeout: 60_000 });
}

/** A phone signed in to LIFF as a demo resident (liff-mock), in Japanese. */
async function residentPhone(browser: Browser, name = "当麻 太郎"): Promise<Page> {
  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await chooseResidentLanguage(phone, "ja");
  await phone.goto("/liff");
  await phone.getByRole("button", { name: new RegExp(name) }).click();
  // The rich menu's 電子申請 tile opens the list of live forms.
  await go(phone, phone.getByRole("link", { name: /電子申請/ }), /\/liff\/forms$/);
  return phone;
}

/** The form's entry on the LIFF list of live forms. */
function formEntry(phone: Page, title: string): Locator {
  return phone.getByRole("listitem").filter({ has: phone.getByRole("heading", { name: title }) });
}

/** From the list to the form's intro, then start (or continue) with the intro's button. */
async function openForm(phone: Page, title: string, button: "申請をはじめる" | "続きから入力する"): Promise<void> {
  await phone.goto("/liff/forms");
  await go(phone, formEntry(phone, title).getByRole("link", { name: new RegExp(`^${button}`) }), /\/liff\/forms\/[a-z0-9-]+$/);
  await phone.getByRole("button", { name: button }).click();
}

/** The JPKI step: the simulator reads the resident's card, and the identity step shows the 基本4情報 read-only. */
async function verifyWithCard(phone: Page, name = "当麻 太郎"): Promise<void> {
  await expect(phone).toHaveURL(/\/identity$/);
  await go(phone, phone.getByRole("link", { name: "本人確認を始める" }), JPKI_ISSUER_PAGE);
  await go(phone, phone.getByRole("button", { name: new RegExp(name) }), /\/identity\?jpki=verified/);
  await expect(phone.getByTestId("identity-block")).toContainText(name);
}

async function next(phone: Page, url: RegExp): Promise<void> {
  await phone.getByRole("button", { name: "次へ", exact: true }).click();
  await expect(phone).toHaveURL(url);
}

/** The payment simulator's hosted page: pay by card and come back to the receipt. */
async function payOnSimulator(phone: Page, amount: string): Promise<void> {
  await expect(phone.getByText("決済シミュレーター")).toBeVisible();
  await expect(phone.getByText(amount)).toBeVisible();
  await go(phone, phone.getByRole("button", { name: "カードで支払う" }), /\/liff\/forms\/submissions\/[0-9a-f-]{36}/);
}

/** The resident's LINE talk in the LINE simulator, polled until it holds every text. */
async function expectLineMessages(browser: Browser, user: string, texts: string[]): Promise<void> {
  const inbox = await (await browser.newContext()).newPage();
  await inbox.goto(`/dev/line?user=${user}`);
  const talk = inbox.getByRole("region", { name: "トーク" });
  await expect(async () => {
    await inbox.reload();
    for (const text of texts) await expect(talk).toContainText(text, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await inbox.context().close();
}

/** 戸籍証明書 filed by 当麻 太郎 (JPKI, fee on filing): returns the reference number on the receipt. */
async function fileKoseki(browser: Browser): Promise<{ phone: Page; reference: string }> {
  const phone = await residentPhone(browser);
  await openForm(phone, KOSEKI, "申請をはじめる");
  await verifyWithCard(phone);
  await go(phone, phone.getByRole("link", { name: "次へ" }), /\/p\/applicant$/);
  await expect(phone.getByTestId("identity-block")).toContainText("当麻 太郎");
  await next(phone, /\/p\/relation\?saved=1$/);
  await expect(phone.getByRole("status").filter({ hasText: "保存しました" })).toContainText("まで保存");

  // A missing answer: the error summary names the question and takes the focus; nothing is saved.
  await phone.getByRole("button", { name: "次へ", exact: true }).click();
  const summary = phone.getByTestId("error-summary");
  await expect(summary).toContainText("「戸籍の筆頭者・本人との関係」を入力してください");
  await expect(summary).toBeFocused();
  await phone.getByLabel("本人・配偶者").check();
  // Routing: 本人 skips the page asking for the reason.
  await next(phone, /\/p\/certificates\?saved=1$/);

  await phone.getByLabel("本籍", { exact: true }).fill("北海道上川郡当麻町3条東2丁目11番地");
  await phone.getByLabel("筆頭者の氏名").fill("当麻 太郎");
  const certificate = phone.getByRole("region", { name: "証明書 1" });
  if (!(await certificate.isVisible())) await phone.getByRole("button", { name: "証明書を追加する" }).click();
  await certificate.getByLabel("戸籍謄本（全部事項証明）450円").check();
  await certificate.getByLabel("通数").fill("2");

  // Save halfway and leave; the list says a draft is kept.
  await phone.getByRole("button", { name: "保存して後で続ける" }).click();
  await expect(phone).toHaveURL(/\/liff\/forms\?saved=/);
  await expect(formEntry(phone, KOSEKI)).toContainText("途中まで保存した申請があります");
  await phone.goto("/liff");

  // Back later: the form resumes on the page after the saved one.
  await openForm(phone, KOSEKI, "続きから入力する");
  await expect(phone).toHaveURL(/\/p\/purpose$/);
  await phone.getByLabel("パスポートの申請").check();
  await next(phone, /\/p\/contact\?saved=1$/);
  await phone.getByLabel("日中に連絡がとれる電話番号").fill("0166-58-2111");
  await phone.getByLabel("同意します").check();
  await next(phone, /\/check\?saved=1$/);

  // Check your answers: the route's answers with change links, and the fee 450円 × 2 + 郵送料 140円.
  const answers = phone.getByTestId("answer-summary");
  await expect(answers).toContainText("本人・配偶者");
  await expect(answers).toContainText("北海道上川郡当麻町3条東2丁目11番地");
  await expect(answers).not.toContainText("請求の理由");
  await expect(phone.getByRole("link", { name: /変更する/ }).first()).toBeVisible();
  await expect(phone.getByTestId("fee-total")).toHaveText("1,040円");
  await go(phone, phone.getByRole("button", { name: "申請して手数料を納付する" }), /127\.0\.0\.1/);
  await payOnSimulator(phone, "1,040円");

  const receipt = phone.getByTestId("form-receipt");
  await expect(receipt).toContainText("受付番号");
  await expect(phone.getByTestId("status")).toHaveText("送信済（審査待ち）");
  await expect(phone.getByText("手数料の納付を確認しました。")).toBeVisible();
  const reference = (await phone.getByTestId("reference").innerText()).trim();
  expect(reference).toMatch(/^S/);
  return { phone, reference };
}

test("戸籍証明書: LIFF with JPKI, save and return, check answers, pay on the simulator, receipt and LINE message", async ({ browser }) => {
  test.setTimeout(300_000);
  const { reference } = await fileKoseki(browser);
  await expectLineMessages(browser, "taro", [reference, "納付を確認しました", "申請を受け付けました"]);
});
