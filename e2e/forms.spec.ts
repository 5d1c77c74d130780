import { expect, test, type Browser, type Locator, type Page } from "playwright/test";
import { storageStateFor, type DemoAccountKey } from "./accounts";
import { JPKI_ISSUER_PAGE } from "./env";
import { expectLineTalk, expectNoSeriousA11yViolations, go, signedInPhone } from "./helpers";

/**
 * 電子申請 on the production build: a resident files 戸籍証明書 in LIFF with JPKI, saves halfway and comes back,
 * checks the answers, pays through the payment simulator and gets a receipt and a LINE message.
 * The helpers below are shared by the staff steps of the same case.
 */
test.describe.configure({ mode: "serial" });

const KOSEKI = "戸籍証明書の交付申請";
/** A 1×1 PNG: what the attachment check sniffs is the file's own signature. */
const TINY_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

/** A phone signed in to LIFF as a demo resident (liff-mock), in Japanese; 北村 誠 is this spec's own. */
async function residentPhone(browser: Browser, name = "北村 誠"): Promise<Page> {
  const phone = await signedInPhone(browser, new RegExp(name));
  // The rich menu's 電子申請 tile opens the list of live forms.
  await go(phone, phone.locator('a[href="/liff/apply"]'), /\/liff\/forms$/);
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
async function verifyWithCard(phone: Page, name = "北村 誠"): Promise<void> {
  await expect(phone).toHaveURL(/\/identity$/);
  await go(phone, phone.getByRole("link", { name: "本人確認を始める" }), JPKI_ISSUER_PAGE);
  await go(phone, phone.getByRole("button", { name: new RegExp(name) }), /\/identity\?jpki=verified/);
  await expect(phone.getByTestId("identity-block")).toContainText(name);
}

async function next(phone: Page, url: RegExp, label = "次へ"): Promise<void> {
  await phone.getByRole("button", { name: label, exact: true }).click();
  await expect(phone).toHaveURL(url);
}

/** The payment simulator's hosted page: pay by card and come back to the receipt. */
async function payOnSimulator(phone: Page, amount: string): Promise<void> {
  await expect(phone.getByText("決済シミュレーター")).toBeVisible();
  await expect(phone.getByText(amount)).toBeVisible();
  await go(phone, phone.getByRole("button", { name: "カードで支払う" }), /\/liff\/forms\/submissions\/[0-9a-f-]{36}/);
}

/** 戸籍証明書 filed by 北村 誠 (JPKI, fee on filing): returns the reference number on the receipt. */
async function fileKoseki(browser: Browser): Promise<{ phone: Page; reference: string }> {
  const phone = await residentPhone(browser);
  await openForm(phone, KOSEKI, "申請をはじめる");
  await verifyWithCard(phone);
  await go(phone, phone.getByRole("link", { name: "次へ" }), /\/p\/applicant$/);
  await expect(phone.getByTestId("identity-block")).toContainText("北村 誠");
  await next(phone, /\/p\/relation\?saved=1$/);
  await expect(phone.getByRole("status").filter({ hasText: "保存しました" })).toContainText("まで保存");

  // A missing answer: the error summary names the question and takes the focus; nothing is saved.
  await phone.getByRole("button", { name: "次へ", exact: true }).click();
  const summary = phone.getByTestId("error-summary");
  await expect(summary).toContainText("「戸籍の筆頭者・本人との関係」を入力してください");
  await expect(summary).toBeFocused();
  await expectNoSeriousA11yViolations(phone, "form page with an error");
  await phone.getByLabel("本人・配偶者").check();
  // Routing: 本人 skips the page asking for the reason.
  await next(phone, /\/p\/certificates\?saved=1$/);

  await phone.getByLabel("本籍", { exact: true }).fill("北海道上川郡当麻町3条東2丁目11番地");
  await phone.getByLabel("筆頭者の氏名").fill("北村 誠");
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
  await expectNoSeriousA11yViolations(phone, "check your answers");
  await go(phone, phone.getByRole("button", { name: "申請して手数料を納付する" }), /127\.0\.0\.1/);
  await payOnSimulator(phone, "1,040円");

  const receipt = phone.getByTestId("form-receipt");
  await expect(receipt).toContainText("受付番号");
  await expect(phone.getByTestId("status")).toHaveText("送信済（審査待ち）");
  await expect(phone.getByText("手数料の納付を確認しました。")).toBeVisible();
  const reference = (await phone.getByTestId("reference").innerText()).trim();
  expect(reference).toMatch(/^S/);
  await expectNoSeriousA11yViolations(phone, "receipt");
  return { phone, reference };
}

/** The 戸籍 filed and paid by the first case; the staff case decides it. */
let kosekiReference = "";

test("戸籍証明書: LIFF with JPKI, save and return, check answers, pay on the simulator, receipt and LINE message", async ({ browser }) => {
  test.setTimeout(300_000);
  const { reference } = await fileKoseki(browser);
  kosekiReference = reference;
  await expectLineTalk(browser, "makoto", [reference, "納付を確認しました", "申請を受け付けました"]);
});

/** A staff member's browser, signed in as one of the e2e accounts. */
async function staffPage(browser: Browser, key: DemoAccountKey): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStateFor(key) });
  return context.newPage();
}

/** A live form's id, read from its JPKI step (the purpose names the form): for staff pages addressed by id. */
async function formIdOf(phone: Page, title: string): Promise<string> {
  await openForm(phone, title, "申請をはじめる");
  const href = await phone.getByRole("link", { name: "本人確認を始める" }).getAttribute("href");
  const id = /form%3A([0-9a-f-]{36})/.exec(href ?? "")?.[1];
  expect(id).toBeTruthy();
  return id!;
}

test("Staff preview: the resident's screens on the form's route, in three languages, for the owning department only", async ({ browser }) => {
  test.setTimeout(180_000);
  const formId = await formIdOf(await residentPhone(browser, "木村 美咲"), KOSEKI);
  const admin = await staffPage(browser, "dept_admin");
  await admin.goto(`/admin/forms/${formId}/preview`);
  await expect(admin.getByRole("heading", { name: `様式のプレビュー: ${KOSEKI}` })).toBeVisible();
  await expect(admin.getByText("プレビューです。入力しても保存・送信されません。")).toBeVisible();
  // The identity step shows a sample card holder, then the questions one page at a time.
  await expect(admin.getByTestId("identity-block")).toContainText("見本 花子");
  await admin.getByRole("button", { name: "次へ", exact: true }).click();
  await expect(admin.getByText("1 / 6")).toBeVisible();
  await admin.getByRole("button", { name: "次へ", exact: true }).click();
  await admin.getByRole("button", { name: "次へ", exact: true }).click();
  await expect(admin.getByTestId("error-summary")).toContainText("「戸籍の筆頭者・本人との関係」を入力してください");
  // その他 routes through the page asking for the reason.
  await admin.getByLabel("その他（理由が必要です）").check();
  await admin.getByRole("button", { name: "次へ", exact: true }).click();
  await expect(admin.getByLabel("請求の理由")).toBeVisible();
  await expectNoSeriousA11yViolations(admin, "staff preview");
  await admin.getByRole("button", { name: "戻る" }).click();
  await admin.getByRole("link", { name: "English", exact: true }).click();
  await expect(admin.getByText("This is a preview. Nothing you enter is saved or sent.")).toBeVisible();
  await expect(admin.getByRole("heading", { name: "Identity check with your My Number Card" })).toBeVisible();
  await admin.getByRole("link", { name: "やさしい日本語" }).click();
  await expect(admin.getByText("プレビューです。かいても のこりません。")).toBeVisible();

  // Another department's reviewer may not see it.
  const other = await staffPage(browser, "kosodate_reviewer");
  const response = await other.goto(`/admin/forms/${formId}/preview`);
  expect(response?.status()).toBe(403);
});

test("English: a survey with no identity step; errors name the question in English, routing skips pages, LINE answers in English", async ({ browser }) => {
  test.setTimeout(180_000);
  const phone = await residentPhone(browser, "スミス エミリー");
  // The language switch keeps the choice server-side, so LINE messages follow it too.
  await phone.getByRole("link", { name: "English", exact: true }).click();
  await expect(phone.getByRole("heading", { name: "Online applications" })).toBeVisible();
  await go(phone, formEntry(phone, "Town transport survey").getByRole("link", { name: /^Start/ }), /\/liff\/forms\/[a-z0-9-]+$/);
  await phone.getByRole("button", { name: "Start" }).click();
  await expect(phone).toHaveURL(/\/p\/travel$/);
  // A tap before the page has hydrated reloads it (no client check yet): tap again until the check answers.
  await expect(async () => {
    await phone.getByRole("button", { name: "Continue", exact: true }).click({ timeout: 5_000 });
    await expect(phone.getByTestId("error-summary")).toContainText("How do you usually travel?", { timeout: 3_000 });
  }).toPass({ timeout: 60_000 });
  await phone.getByLabel("Town bus").check();
  await next(phone, /\/p\/bus\?saved=1$/, "Continue");
  await phone.getByLabel("Trips per week").fill("3");
  await expectNoSeriousA11yViolations(phone, "form page in English");
  await next(phone, /\/p\/comment\?saved=1$/, "Continue");
  await next(phone, /\/check\?saved=1$/, "Continue");
  await expect(phone.getByTestId("answer-summary")).toContainText("Town bus");
  // A change made from the check page comes straight back to it when the rest of the route is answered.
  await phone.getByRole("link", { name: /Trips per week/ }).click();
  await expect(phone).toHaveURL(/\/p\/bus\?change=1$/);
  await phone.getByLabel("Trips per week").fill("5");
  await next(phone, /\/check\?saved=1$/, "Continue");
  await expect(phone.getByTestId("answer-summary")).toContainText("5");
  await expect(phone.getByText("No fee")).toBeVisible();
  await go(phone, phone.getByRole("button", { name: "Apply", exact: true }), /\/liff\/forms\/submissions\/[0-9a-f-]{36}$/);
  await expect(phone.getByTestId("status")).toHaveText("Sent (waiting for review)");
  const reference = (await phone.getByTestId("reference").innerText()).trim();
  await expectLineTalk(browser, "emily", [`We received your application “Town transport survey”.`, reference]);
  // Back to Japanese for the other specs' sake.
  await phone.getByRole("link", { name: "日本語", exact: true }).click();
  await expect(phone.getByRole("heading", { name: "申請の受付" })).toBeVisible();
});

/** A submission's staff detail page, found by its reference number in the queue. */
async function openSubmission(page: Page, reference: string): Promise<void> {
  await page.goto(`/admin/submissions?status=all&q=${reference}`);
  await page.getByRole("table", { name: "電子申請の一覧" }).getByRole("link", { name: reference }).click();
  await page.waitForURL(/\/admin\/submissions\/[0-9a-f-]{36}/);
}

test("staff approve the LIFF 戸籍 and mark it 発送済み; the resident is told on LINE", async ({ browser }) => {
  test.setTimeout(180_000);
  expect(kosekiReference, "the first case filed the 戸籍").not.toBe("");
  const staff = await staffPage(browser, "reviewer");
  await openSubmission(staff, kosekiReference);
  await expect(staff.getByRole("region", { name: /申請者（基本4情報/ })).toContainText("北村 誠");
  const review = staff.getByRole("region", { name: "審査", exact: true });
  await review.getByRole("radio", { name: "承認する" }).check();
  await review.getByRole("button", { name: "承認する" }).click();
  await expect(review.getByRole("status").filter({ hasText: "承認しました" })).toBeVisible();
  await review.getByLabel(/^交付・発送/).selectOption("mailed");
  await review.getByLabel(/^日付/).fill("2026-12-02");
  await review.getByRole("button", { name: "記録する" }).click();
  await expect(review).toContainText("令和8年12月2日に発送済みです。");
  await expectLineTalk(browser, "makoto", [`「${KOSEKI}」の申請を承認しました。`, `「${KOSEKI}」を`, "郵送しました。"]);
  await staff.context().close();

  // The resident's 申請の状況 lists it beside any benefit filing, with its history.
  const phone = await residentPhone(browser);
  await phone.goto("/liff");
  await go(phone, phone.getByRole("link", { name: /申請の状況/ }), /\/liff\/applications$/);
  const card = phone.getByTestId("application").filter({ hasText: kosekiReference });
  await expect(card.getByTestId("application-status")).toHaveText("処理完了");
  await expect(card.getByTestId("application-history")).toContainText("承認");
  await phone.context().close();
});

test("粗大ごみ (事後決済): filed in LIFF without a card, the fee fixed by staff, then paid by the resident from the LINE link", async ({ browser }) => {
  test.setTimeout(300_000);
  const phone = await residentPhone(browser, "中川 和子");
  await openForm(phone, "粗大ごみ収集の申込み", "申請をはじめる");
  await expect(phone).toHaveURL(/\/p\/who$/);
  await phone.getByLabel("お名前").fill("中川 和子");
  await phone.getByLabel("郵便番号（7桁）").fill("0781393");
  await phone.getByLabel("住所", { exact: true }).fill("北海道上川郡当麻町5条西3丁目8番2号");
  await phone.getByLabel("日中に連絡がとれる電話番号").fill("0166-58-2111");
  await next(phone, /\/p\/items\?saved=1$/);
  await phone.getByLabel("品目（例: たんす、自転車）").first().fill("たんす");
  await phone.getByLabel("個数").first().fill("1");
  // A photo: scanned and stored when chosen; the page's answer names the stored file.
  await phone.getByLabel(/出すものの写真/).setInputFiles({ name: "tansu.png", mimeType: "image/png", buffer: Buffer.from(TINY_PNG, "base64") });
  await expect(phone.getByRole("status").filter({ hasText: "添付しました: tansu.png" })).toBeVisible();
  await next(phone, /\/p\/when\?saved=1$/);
  await phone.getByLabel("希望する収集日").fill("2027-01-15");
  await phone.getByLabel("同意します").check();
  await next(phone, /\/check\?saved=1$/);
  await go(phone, phone.getByRole("button", { name: "この内容で申請する", exact: true }), /\/liff\/forms\/submissions\/[0-9a-f-]{36}$/);
  const reference = (await phone.getByTestId("reference").innerText()).trim();
  const submissionUrl = phone.url();

  // Staff confirm the items and fix the fee; the resident gets the amount and the link on LINE.
  const staff = await staffPage(browser, "reviewer");
  await openSubmission(staff, reference);
  // The photo opens from the detail page through the guarded, audited download.
  const photo = staff.getByRole("link", { name: "tansu.png" });
  const download = await staff.request.get((await photo.getAttribute("href"))!);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toBe("image/png");
  const review = staff.getByRole("region", { name: "審査", exact: true });
  await review.getByLabel(/^手数料（円）/).fill("1200");
  await review.getByRole("button", { name: "手数料を確定する" }).click();
  await expect(review.getByText("手数料を 1,200円 に確定しました。")).toBeVisible();
  await expectLineTalk(browser, "kazuko", ["「粗大ごみ収集の申込み」の手数料が 1,200円 に決まりました。", reference]);

  // The link opens the submission with the amount to pay; paying goes through the simulator and back.
  await phone.goto(submissionUrl);
  await go(phone, phone.getByRole("link", { name: "手数料を納付する" }), /127\.0\.0\.1/);
  await payOnSimulator(phone, "1,200円");
  await expect(phone.getByText("手数料の納付を確認しました。")).toBeVisible();
  await expectLineTalk(browser, "kazuko", ["「粗大ごみ収集の申込み」の手数料 1,200円 の納付を確認しました。"]);
  await staff.reload();
  await expect(staff.getByRole("region", { name: "納付の履歴" })).toContainText("納付済み");
  await staff.context().close();
});

test("a paid 住民票 that staff reject is refunded through the provider, and the resident is told", async ({ browser }) => {
  test.setTimeout(300_000);
  const phone = await residentPhone(browser, "中川 和子");
  await openForm(phone, "住民票の写しの交付申請", "申請をはじめる");
  await verifyWithCard(phone, "中川 和子");
  await go(phone, phone.getByRole("link", { name: "次へ" }), /\/p\/applicant$/);
  await next(phone, /\/p\/scope\?saved=1$/);
  await phone.getByLabel("本人のみ").check();
  await phone.getByLabel("通数").fill("1");
  await next(phone, /\/p\/contact\?saved=1$/);
  await phone.getByLabel("日中に連絡がとれる電話番号").fill("0166-58-2111");
  await phone.getByLabel("同意します").check();
  await next(phone, /\/check\?saved=1$/);
  await expect(phone.getByTestId("fee-total")).toHaveText("440円");
  await go(phone, phone.getByRole("button", { name: "申請して手数料を納付する" }), /127\.0\.0\.1/);
  await payOnSimulator(phone, "440円");
  const reference = (await phone.getByTestId("reference").innerText()).trim();

  const staff = await staffPage(browser, "reviewer");
  await openSubmission(staff, reference);
  const review = staff.getByRole("region", { name: "審査", exact: true });
  await review.getByRole("radio", { name: /却下する/ }).check();
  await review.getByLabel(/^理由/).fill("住所が住民登録と一致しません。");
  await review.getByRole("button", { name: "却下する" }).click();
  await expect(review.getByText("納付済みの手数料 440円 を返金しました。").first()).toBeVisible();
  await staff.reload();
  await expect(staff.getByRole("region", { name: "納付の履歴" })).toContainText("返金済み");
  await expectLineTalk(browser, "kazuko", [`理由: 住所が住民登録と一致しません。`, "「住民票の写しの交付申請」の手数料 440円 を返金しました。"]);
  await staff.context().close();
});

