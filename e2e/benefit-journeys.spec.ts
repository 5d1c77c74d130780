import path from "node:path";
import { expect, test, type Browser, type Page } from "playwright/test";
import { storageStateFor } from "./accounts";
import { chooseResidentLanguage, go } from "./helpers";

/**
 * The household benefit as residents live it (issue 12, items 1–3 and 7): a program of its own (so the other
 * specs' filings never meet it), 当麻 太郎 files with his card, and goes back, forward, refreshes and reopens at
 * every step; the receipt has its own page; 当麻 花子 sees that her household filed. Screenshots of the receipt
 * and of the やさしい日本語 confirm page at phone width and at 1,366 px go to test-results/.
 */
test.describe.configure({ mode: "serial" });

const JPKI_HOST = new URL(process.env.JPKI_ISSUER ?? "http://127.0.0.1:4020").host;
const AT_CARD_READER = new RegExp(JPKI_HOST.replaceAll(".", "\\."));
const PHONE = { width: 390, height: 844 };
const DESK = { width: 1366, height: 900 };
const stamp = Date.now() % 100000;
const PROGRAM_NAME = `物価高騰対策 臨時給付 ${stamp}`;
const PROGRAM_CODE = `HJ${stamp}`;
let programId = "";


/** A phone in LINE's browser, with every hydration or React error it logs. */
async function phoneFor(browser: Browser, who: RegExp): Promise<{ page: Page; errors: string[] }> {
  const page = await (await browser.newContext({ viewport: PHONE })).newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /hydrat|did not match|Minified React error/i.test(message.text())) errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  await chooseResidentLanguage(page, "ja");
  await page.goto("/liff");
  await page.getByRole("button", { name: who }).click();
  await expect(page.getByRole("link", { name: /物価高騰支援/ })).toBeVisible();
  return { page, errors };
}

/** Chromium here has no Japanese font: the repository's BIZ UD Gothic stands in for Noto Sans JP in screenshots. */
async function withJapaneseFont(page: Page): Promise<void> {
  const fonts = path.join(process.cwd(), "node_modules", "@expo-google-fonts", "biz-udpgothic");
  await page.route("**/__e2e-fonts/*.ttf", (route) =>
    route.fulfill({ path: path.join(fonts, route.request().url().endsWith("bold.ttf") ? "700Bold/BIZUDPGothic_700Bold.ttf" : "400Regular/BIZUDPGothic_400Regular.ttf"), contentType: "font/ttf" }),
  );
  await page.addStyleTag({
    content:
      '@font-face{font-family:"Noto Sans JP";font-weight:400;src:url("/__e2e-fonts/regular.ttf")}@font-face{font-family:"Noto Sans JP";font-weight:700;src:url("/__e2e-fonts/bold.ttf")}',
  });
  await page.evaluate(async () => {
    await Promise.all([document.fonts.load('16px "Noto Sans JP"', "あ漢"), document.fonts.load('bold 16px "Noto Sans JP"', "あ漢")]);
    await document.fonts.ready;
  });
}

async function shoot(page: Page, name: string): Promise<void> {
  await withJapaneseFont(page);
  for (const [label, viewport] of [["phone", PHONE], ["1366", DESK]] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: `test-results/issue12/${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize(PHONE);
}

test("a department admin opens a program for the journeys", async ({ browser }) => {
  test.setTimeout(120_000);
  const admin = await (await browser.newContext({ storageState: storageStateFor("dept_admin") })).newPage();
  const jst = (days: number) => new Date(Date.now() + 9 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 16);
  await admin.goto("/admin/programs/new");
  await admin.getByLabel("事業名").fill(PROGRAM_NAME);
  await admin.getByLabel("事業コード").fill(PROGRAM_CODE);
  await admin.getByLabel("1人あたりのポイント").fill("15000");
  await admin.getByLabel("基準日").fill("2026-10-01");
  await admin.getByLabel("受付開始（日本時間）").fill(jst(-1));
  await admin.getByLabel("受付終了（日本時間）").fill(jst(30));
  // Item 6: where the points go, said before confirming and on the receipt.
  await admin.getByLabel("電子マネーの名前", { exact: true }).fill("とうまポイントカード");
  await admin.getByLabel("アカウントの作り方", { exact: true }).fill("町内の加盟店か役場1階の窓口で作れます。");
  await admin.getByLabel("アカウントの作り方（英語）").fill("Open one at any participating shop in town or at the town hall.");
  await admin.getByRole("button", { name: "事業を作成" }).click();
  await admin.waitForURL(/\/admin\/programs\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  programId = new URL(admin.url()).pathname.split("/").at(-1)!;
  const roster = [
    "世帯番号,住所,氏名,氏名カナ,生年月日,性別,続柄",
    "0001,北海道上川郡当麻町3条東2丁目11番1号,当麻 太郎,トウマ タロウ,1950-09-02,男,世帯主",
    "0001,北海道上川郡当麻町3条東2丁目11番1号,当麻 花子,トウマ ハナコ,1952-04-18,女,妻",
  ].join("\r\n");
  await admin.getByLabel("名簿ファイル（CSV）").setInputFiles({ name: "roster.csv", mimeType: "text/csv", buffer: Buffer.from(roster) });
  await admin.getByRole("button", { name: "名簿を取り込む" }).click();
  await expect(admin.getByText("名簿を取り込みました")).toBeVisible();
  await admin.getByRole("button", { name: "受付を開始" }).click();
  await admin.getByRole("dialog").getByRole("button", { name: "受付を開始" }).click();
  await expect(admin.getByRole("button", { name: "受付を終了" })).toBeVisible();
});

test("太郎 files: back, forward, refresh and reopening keep him in the flow; the receipt has its own page", async ({ browser }) => {
  test.setTimeout(240_000);
  const { page: phone, errors } = await phoneFor(browser, /当麻 太郎/);
  const base = `/liff/benefit/${programId}`;
  await phone.goto(base);
  await expect(phone.getByRole("heading", { level: 1, name: PROGRAM_NAME })).toBeVisible();
  await go(phone, phone.getByRole("link", { name: "始める", exact: true }), /\/reference$/);

  // Item 7: a wrong 照会番号 is refused and stays in the field; refresh keeps it too.
  await phone.getByLabel(/照会番号/).fill("ABCD-EFGH");
  await phone.getByRole("button", { name: "次へ" }).click();
  await expect(phone.locator("#ref-error")).toHaveText("照会番号は12文字です。もう一度お確かめください。");
  await expect(phone.getByLabel(/照会番号/)).toHaveValue("ABCD-EFGH");
  await phone.reload();
  await expect(phone.getByLabel(/照会番号/)).toHaveValue("ABCD-EFGH");

  await go(phone, phone.getByRole("link", { name: "照会番号なしで進む" }), /\/identity/);
  // Refresh on the card step: still the card step.
  await phone.reload();
  await expect(phone.getByRole("heading", { level: 1, name: "マイナンバーカードで本人確認" })).toBeVisible();
  await go(phone, phone.getByRole("link", { name: "本人確認を始める" }), AT_CARD_READER);
  await go(phone, phone.getByRole("button", { name: /当麻 太郎/ }), /\/confirm/);
  await expect(phone.getByText("30,000ポイント")).toBeVisible();
  const emoney = phone.getByTestId("emoney-guidance");
  await expect(emoney).toContainText("ポイントは「とうまポイントカード」で受け取ります。とうまポイントカードのアカウントが必要です。");
  await expect(emoney).toContainText("町内の加盟店か役場1階の窓口で作れます。");

  // Refresh on the confirm page: the same household, nothing filed.
  await phone.reload();
  await expect(phone.getByText("30,000ポイント")).toBeVisible();

  // Back lands on the card reader (LINE's browser keeps it); picking again carries on to the confirm page,
  // never to 「この本人確認はすでに終了しているか、無効です」.
  await phone.goBack();
  await expect(phone).toHaveURL(AT_CARD_READER);
  await go(phone, phone.getByRole("button", { name: /当麻 太郎/ }), /\/confirm/);
  await expect(phone.getByText("30,000ポイント")).toBeVisible();
  await expect(phone.getByText("この本人確認はすでに終了しているか、無効です")).toHaveCount(0);
  // Back, then forward again: still the confirm page.
  await phone.goBack();
  await expect(phone).toHaveURL(AT_CARD_READER);
  await phone.goForward();
  await expect(phone).toHaveURL(/\/confirm/);
  await expect(phone.getByText("30,000ポイント")).toBeVisible();
  // Back past the card reader: the card step sees the valid verification and returns to the confirm page.
  await phone.goto(`${base}/identity`);
  await expect(phone).toHaveURL(/\/confirm/);

  // Item 4 (screenshots): the やさしい日本語 confirm page, kanji with readings.
  const confirmUrl = phone.url();
  await phone.getByRole("navigation", { name: "表示言語" }).getByRole("link", { name: "やさしい日本語" }).click();
  await expect(phone.locator("[data-locale]")).toHaveAttribute("data-locale", "ja-easy");
  await expect(phone).toHaveURL(confirmUrl);
  await expect(phone.locator("main h1 ruby").first()).toBeVisible();
  await expect(phone.locator("main h1")).toContainText("ないよう");
  await expect(phone.locator("main dt ruby", { hasText: "住所" })).toContainText("じゅうしょ");
  await shoot(phone, "confirm-ja-easy");
  await phone.getByRole("navigation", { name: "ことば" }).getByRole("link", { name: "日本語", exact: true }).click();
  await expect(phone.locator("[data-locale]")).toHaveAttribute("data-locale", "ja");

  // Item 1: the receipt on its own page, named by the filing.
  // The page has just been reloaded by the language switch: a click before it hydrates does nothing, so retry.
  await go(phone, phone.getByRole("button", { name: "この内容で申し込む" }), /\/liff\/benefit\/receipt\/[0-9a-f-]{36}$/);
  const receiptUrl = phone.url();
  await expect(phone.getByRole("heading", { level: 1, name: "申込みを受け付けました" })).toBeVisible();
  await expect(phone.getByText(/ステップ/)).toHaveCount(0);
  const receiptNumber = (await phone.getByTestId("receipt-number").innerText()).trim();
  expect(receiptNumber).toMatch(new RegExp(`^${PROGRAM_CODE}-\\d{7}$`));
  await expect(phone.getByRole("heading", { name: "これからの流れ" })).toBeVisible();
  await expect(phone.getByText(/役場で内容を審査します。/)).toBeVisible();
  await expect(phone.getByTestId("emoney-guidance")).toContainText("とうまポイントカード");
  await shoot(phone, "receipt");

  // Refresh: the same receipt, never a refusal.
  await phone.reload();
  await expect(phone.getByTestId("receipt-number")).toHaveText(receiptNumber);
  await expect(phone.getByText(/申請済みです/)).toHaveCount(0);
  // Back: the confirm page says it is received and leads to the receipt; forward: the receipt again.
  await phone.goBack();
  await expect(phone).toHaveURL(/\/confirm/);
  await expect(phone.getByRole("button", { name: "この内容で申し込む" })).toHaveCount(0);
  await expect(phone.getByText(/受け付けています/)).toBeVisible();
  await phone.goForward();
  await expect(phone.getByTestId("receipt-number")).toHaveText(receiptNumber);
  await phone.goBack();
  await go(phone, phone.getByRole("link", { name: "受付票を見る" }), /\/receipt\//);
  await expect(phone.getByTestId("receipt-number")).toHaveText(receiptNumber);

  // Reopening from LINE (a new tab of the same LINE session): the menu, the status page, the receipt again.
  const reopened = await phone.context().newPage();
  await reopened.goto("/liff");
  await go(reopened, reopened.getByRole("link", { name: /物価高騰支援/ }), /\/liff\/benefit$/);
  await go(reopened, reopened.getByRole("link", { name: "申込み状況を見る" }), /\/liff\/benefit\/status$/);
  const own = reopened.getByTestId("own-filing").filter({ hasText: receiptNumber });
  await go(reopened, own.getByRole("link", { name: "受付票を見る" }), /\/receipt\//);
  expect(reopened.url()).toBe(receiptUrl);
  await reopened.goto(confirmUrl);
  await expect(reopened.getByRole("link", { name: "受付票を見る" })).toBeVisible();

  // Item 7: the LIFF 404 leads to the resident menu.
  await phone.goto("/liff/no-such-page");
  await expect(phone.getByRole("heading", { level: 1, name: "ページが見つかりません" })).toBeVisible();
  await expect(phone.getByRole("main").getByRole("link", { name: "メニューに戻る" })).toHaveAttribute("href", "/liff");
  await expect(phone.getByRole("link", { name: /管理画面/ })).toHaveCount(0);

  // Item 7: no hydration warning on any of these pages (the language switch included).
  expect(errors).toEqual([]);
});

test("花子, another member of the household, sees that it filed, when, how and its state, not its details", async ({ browser }) => {
  test.setTimeout(120_000);
  const { page: phone, errors } = await phoneFor(browser, /当麻 花子/);
  await phone.goto(`/liff/benefit/${programId}/identity`);
  await go(phone, phone.getByRole("link", { name: "本人確認を始める" }), AT_CARD_READER);
  await go(phone, phone.getByRole("button", { name: /当麻 花子/ }), /\/confirm/);
  await expect(phone.getByText(/この世帯は.+にLINEで申請済みです/)).toBeVisible();
  await phone.goto("/liff/benefit/status");
  await expect(phone.getByText("まだ申込みはありません。")).toHaveCount(0);
  // Only this spec's program: benefit.spec may have filed the same household in the demo program meanwhile.
  const household = phone.getByTestId("household-filing").filter({ hasText: PROGRAM_NAME });
  await expect(household).toContainText(PROGRAM_NAME);
  await expect(household).toContainText(/ご家族が.+にLINEで、この世帯の申込みをしています/);
  await expect(household).toContainText("受付済み（審査待ち）");
  await expect(household).not.toContainText(PROGRAM_CODE);
  await expect(phone.getByTestId("own-filing")).toHaveCount(0);
  // In English too.
  await phone.getByRole("navigation", { name: "表示言語" }).getByRole("link", { name: "English" }).click();
  await expect(household).toContainText("A member of your household applied for it through LINE");
  await expect(household).toContainText("Received, under review");
  expect(errors).toEqual([]);
});
