import { readFileSync } from "node:fs";
import { expect, test, type Browser, type Locator, type Page } from "playwright/test";
import { storageStateFor, type DemoAccountKey } from "./accounts";
import { JPKI_ISSUER_PAGE } from "./env";
import { chooseResidentLanguage, go } from "./helpers";

/**
 * The case study end to end on the production build: a resident files over LIFF with JPKI, the counter is
 * stopped for the same household, a reviewer approves, the batch goes to the e-money simulator and back,
 * and the resident sees 給付済み.
 */
test.describe.configure({ mode: "serial" });


/** The text as read, without the furigana of やさしい日本語 (<rt>). */
async function withoutRuby(target: Locator): Promise<string> {
  return target.evaluate((element) => {
    const copy = element.cloneNode(true) as Element;
    copy.querySelectorAll("rt").forEach((rt) => rt.remove());
    return (copy.textContent ?? "").trim();
  });
}

/** The demo program's entry on the LIFF list: other specs open programs of their own beside it. */
function demoProgram(page: Page): Locator {
  return page.getByRole("listitem").filter({ hasText: "物価高騰対策ポイント給付" });
}

/** The counter on the demo program: when other specs have opened programs too, the clerk picks it first. */
async function openCounterOnDemoProgram(counter: Page): Promise<void> {
  await counter.goto("/admin/counter");
  const picker = counter.getByLabel("受け付ける事業");
  if ((await picker.count()) === 0) return;
  const value = await picker.locator("option", { hasText: "物価高騰対策ポイント給付" }).getAttribute("value");
  await picker.selectOption(value!);
  await counter.waitForURL(/[?&]program=/);
}

async function staffPage(browser: Browser, key: DemoAccountKey): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStateFor(key) });
  return context.newPage();
}

test("LINE filing → counter stopped → approval → grant batch → 給付済み", async ({ browser }) => {
  test.setTimeout(420_000);
  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();

  // The resident: liff-mock identifies 当麻 太郎, the JPKI simulator reads his card.
  await chooseResidentLanguage(phone, "ja");
  await phone.goto("/liff");
  await phone.getByRole("button", { name: /当麻 太郎/ }).click();
  await go(phone, phone.getByRole("link", { name: /物価高騰支援/ }), /\/liff\/benefit$/);
  await go(phone, demoProgram(phone).getByRole("link", { name: "申し込む", exact: true }), /\/liff\/benefit\/[0-9a-f-]{36}$/);
  await go(phone, phone.getByRole("link", { name: "始める", exact: true }), /\/reference$/);
  await go(phone, phone.getByRole("link", { name: "照会番号なしで進む" }), /\/identity/);
  await go(phone, phone.getByRole("link", { name: "本人確認を始める" }), JPKI_ISSUER_PAGE);
  await go(phone, phone.getByRole("button", { name: /当麻 太郎/ }), /\/confirm/);
  await expect(phone.getByText("20,000ポイント")).toBeVisible();
  await phone.getByRole("button", { name: "この内容で申し込む" }).click();
  const receipt = phone.getByTestId("filing-receipt");
  await expect(receipt).toContainText("受付番号");
  const receiptNumber = (await phone.getByTestId("receipt-number").innerText()).trim();
  expect(receiptNumber).toMatch(/^BK25-\d{7}$/);

  // The counter: the same household is already filed, and the clerk is told so.
  const counter = await staffPage(browser, "counter");
  await openCounterOnDemoProgram(counter);
  await counter.getByLabel(/世帯を探す/).fill("トウマ");
  await counter.getByRole("button", { name: "検索", exact: true }).click();
  await counter.getByTestId("counter-results").getByRole("button", { name: /当麻 太郎 さんの世帯/ }).click();
  await expect(counter.getByRole("alert").filter({ hasText: /LINEで申請済みです/ })).toBeVisible();
  await expect(counter.getByTestId("counter-confirm")).toHaveCount(0);

  // The reviewer approves it.
  const reviewer = await staffPage(browser, "reviewer");
  await reviewer.goto("/admin/programs");
  await go(reviewer, reviewer.getByRole("link", { name: /物価高騰対策ポイント給付/ }).first(), /\/admin\/programs\/[0-9a-f-]{36}/);
  const programPath = new URL(reviewer.url()).pathname.match(/^\/admin\/programs\/[0-9a-f-]{36}/)![0];
  await reviewer.goto(`${programPath}/filings?q=${receiptNumber}`);
  await go(reviewer, reviewer.getByRole("link", { name: receiptNumber }), /\/filings\/[0-9a-f-]{36}(\?|$)/);
  await reviewer.getByRole("radio", { name: "承認する" }).check();
  await reviewer.getByRole("button", { name: "承認する" }).click();
  await expect(reviewer.getByText("承認しました。")).toBeVisible();

  // The department admin sends a batch to the e-money simulator and imports its result.
  const admin = await staffPage(browser, "dept_admin");
  // The mailing's guide letters render in the production bundle with the shipped Japanese font.
  await admin.goto(programPath);
  const letters = admin.waitForEvent("download");
  await admin.getByRole("link", { name: /案内状のPDFをダウンロード/ }).click();
  const lettersPdf = readFileSync(await (await letters).path());
  expect(lettersPdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(lettersPdf.toString("latin1")).toContain("BIZUDPGothic");
  await admin.goto(`${programPath}/batches`);
  // A create button is clicked once only: a retry could create a second batch.
  await admin.getByRole("button", { name: "給付バッチを作成" }).click();
  await admin.waitForURL(/\/batches\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  const batchFile = admin.waitForEvent("download");
  await admin.getByTestId("batch-download").click();
  await (await batchFile).path();
  // No reload: the page notices the export by itself and offers the next step.
  await expect(admin.getByRole("region", { name: /管理合計/ })).toContainText("出力済み", { timeout: 20_000 });
  await expect(admin.getByRole("region", { name: /このバッチの申請/ }).getByRole("link", { name: receiptNumber })).toBeVisible();
  const resultFile = admin.waitForEvent("download");
  await admin.getByRole("button", { name: "シミュレーターで結果を作成" }).click();
  const resultPath = await (await resultFile).path();
  await admin.getByLabel("結果ファイル（CSV）").setInputFiles({ name: "result.csv", mimeType: "text/csv", buffer: readFileSync(resultPath) });
  await admin.getByRole("button", { name: "結果を取り込む" }).click();
  await expect(admin.getByText("結果を取り込みました")).toBeVisible();

  // The resident sees the grant, and LINE delivered the messages through the outbox.
  await phone.goto("/liff/benefit/status");
  await expect(phone.getByTestId("own-filing").filter({ hasText: receiptNumber }).getByTestId("own-filing-status")).toContainText("給付済み");

  // /dev/line shows 当麻 太郎's LINE talk: the receipt and the grant message, delivered by the outbox worker.
  const inbox = await (await browser.newContext()).newPage();
  await inbox.goto("/dev/line?user=taro");
  const talk = inbox.getByRole("region", { name: "トーク" });
  await expect(async () => {
    await inbox.reload();
    await expect(talk).toContainText(receiptNumber, { timeout: 1_000 });
    await expect(talk).toContainText("ポイントを付与しました", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
});

test("English: the head's wife is told in English that her household filed on LINE, and sent to the counter", async ({ browser }) => {
  test.setTimeout(120_000);
  // Runs after the filing above (serial): 当麻 太郎 filed for the household today.
  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "en-US" })).newPage();
  await chooseResidentLanguage(phone, "en");
  await phone.goto("/liff");
  await phone.getByRole("button", { name: /当麻 花子/ }).click();
  await go(phone, phone.getByRole("link", { name: /Price-relief grant/ }), /\/liff\/benefit$/);
  await go(phone, demoProgram(phone).getByRole("link", { name: "Apply", exact: true }), /\/liff\/benefit\/[0-9a-f-]{36}$/);
  await go(phone, phone.getByRole("link", { name: "Start", exact: true }), /\/reference$/);
  await go(phone, phone.getByRole("link", { name: "Continue without a code" }), /\/identity/);
  await go(phone, phone.getByRole("link", { name: "Start verification" }), JPKI_ISSUER_PAGE);
  await go(phone, phone.getByRole("button", { name: /当麻 花子/ }), /\/confirm/);
  const today = new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Tokyo", month: "long", day: "numeric" }).format(new Date());
  await expect(phone.getByText(`This household already applied through LINE on ${today}. A household can apply only once.`)).toBeVisible();
  await expect(phone.locator("[data-locale]")).toHaveAttribute("lang", "en");
  await expect(phone.getByText("申請済み")).toHaveCount(0);
  await expect(phone.getByRole("button", { name: "Apply with these details" })).toHaveCount(0);
  await expect(phone.getByText("Opening hours")).toBeVisible();

  // Sending it anyway is refused (she is not the head), in English too.
  const programId = new URL(phone.url()).pathname.split("/")[3];
  const refusal = await phone.evaluate(async (id) => {
    const response = await fetch("/api/liff/benefit/filings", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ programId: id, confirmed: true }) });
    return { status: response.status, body: await response.json() };
  }, programId);
  expect(refusal).toEqual({ status: 409, body: { error: "You cannot apply with these details. Please go back and read the guidance.", code: "cannot_file_as_shown" } });
});

test("LIFF: 日本語 / やさしい日本語 / English switch the text and lang, and the choice persists across pages", async ({ browser }) => {
  test.setTimeout(120_000);
  // The suite's browser sends Accept-Language: ja-JP, so the first visit is in standard Japanese.
  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  const content = phone.locator("[data-locale]");
  const languageLink = (nav: string, name: string) => phone.getByRole("navigation", { name: nav }).getByRole("link", { name, exact: true });

  await phone.goto("/liff");
  await expect(phone.getByRole("heading", { level: 1, name: "役場 LINE" })).toBeVisible();
  await expect(content).toHaveAttribute("lang", "ja");
  await expect(languageLink("表示言語", "日本語")).toHaveAttribute("aria-current", "true");
  await expect(languageLink("表示言語", "English")).not.toHaveAttribute("aria-current");

  // English: the text, the lang attribute, the title and the switch's current item change.
  await languageLink("表示言語", "English").click();
  await expect(phone.getByRole("heading", { level: 1, name: "Town Hall on LINE" })).toBeVisible();
  await expect(content).toHaveAttribute("lang", "en");
  await expect(phone).toHaveTitle(/Town Hall on LINE/);
  await expect(languageLink("Language", "English")).toHaveAttribute("aria-current", "true");
  await expect(languageLink("Language", "English")).toHaveAttribute("lang", "en");

  // It persists: sign in, open another page.
  await phone.getByRole("button", { name: /佐藤 健一/ }).click();
  await go(phone, phone.getByRole("link", { name: /Price-relief grant/ }), /\/liff\/benefit$/);
  await expect(phone.getByRole("heading", { level: 1, name: "Price-relief grant" })).toBeVisible();
  await expect(content).toHaveAttribute("lang", "en");
  await expect(phone.getByRole("link", { name: "Apply", exact: true }).first()).toBeVisible();

  // やさしい日本語 on this page, then on the next one.
  await languageLink("Language", "やさしい日本語").click();
  await expect.poll(() => withoutRuby(phone.locator("main h1"))).toBe("物価高騰支援の もうしこみ");
  await expect(phone).toHaveURL(/\/liff\/benefit$/);
  await expect(content).toHaveAttribute("lang", "ja");
  await expect(languageLink("ことば", "やさしい日本語")).toHaveAttribute("aria-current", "true");
  const programPath = await phone.locator('main li a[href^="/liff/benefit/"]').first().getAttribute("href");
  await go(phone, phone.getByRole("link", { name: /もうしこみの じょうきょうを/ }), /\/liff\/benefit\/status$/);
  await expect.poll(() => withoutRuby(phone.locator("main h1"))).toBe("もうしこみの じょうきょう");
  const cookies = await phone.context().cookies();
  expect(cookies.find((cookie) => cookie.name === "yakuba_lang")).toMatchObject({ value: "ja-easy", sameSite: "Lax" });

  // The reference page shows its own words for a known error code, and nothing from a crafted link.
  await phone.goto(`${programPath}/reference?error=check_digit`);
  await expect.poll(() => withoutRuby(phone.locator("#ref-error"))).toBe("照会番号が ちがいます。もう一度 たしかめて ください。");
  await phone.goto(`${programPath}/reference?error=${encodeURIComponent("至急 090-0000-0000 へ電話してください")}`);
  await expect(phone.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(phone.getByText("至急")).toHaveCount(0);
  await expect(phone.locator("#ref-error")).toHaveCount(0);
  // A wrong code typed on the page comes back as a code, not as text in the URL.
  await phone.getByLabel(/照会番号/).fill("ABCD-EFGH");
  await phone.getByRole("button", { name: "つぎへ" }).click();
  await expect(phone).toHaveURL(/\/reference\?error=length&ref=ABCD-EFGH$/);
  await expect.poll(() => withoutRuby(phone.locator("#ref-error"))).toBe("照会番号は 12文字です。もう一度 たしかめて ください。");

  // Back to standard Japanese.
  await languageLink("ことば", "日本語").click();
  await expect(phone.getByRole("heading", { level: 1, name: "案内状の照会番号（入力は任意です）" })).toBeVisible();

  // A first visit from an English browser defaults to English.
  const visitor = await (await browser.newContext({ locale: "en-US" })).newPage();
  await visitor.goto("/liff");
  await expect(visitor.getByRole("heading", { level: 1, name: "Town Hall on LINE" })).toBeVisible();
  await expect(visitor.locator("[data-locale]")).toHaveAttribute("lang", "en");
});

test("a program without the card step: set up by staff, filed over LIFF with the letter's code and the head's birth date", async ({ browser }) => {
  test.setTimeout(180_000);
  const programName = `子育て応援ポイント ${Date.now() % 100000}`;
  const code = `NC${Date.now() % 100000}`;
  const jst = (offsetDays: number) => new Date(Date.now() + 9 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 16);

  // The department admin sets the program up with JPKI switched off, imports the roster and opens it.
  const admin = await staffPage(browser, "dept_admin");
  await admin.goto("/admin/programs/new");
  await admin.getByLabel("事業名").fill(programName);
  await admin.getByLabel("事業コード").fill(code);
  await admin.getByLabel("1人あたりのポイント").fill("5000");
  await admin.getByLabel("基準日").fill("2026-10-01");
  await admin.getByLabel("受付開始（日本時間）").fill(jst(-1));
  await admin.getByLabel("受付終了（日本時間）").fill(jst(30));
  await admin.getByLabel(/マイナンバーカードでの本人確認（公的個人認証）を必須にする/).uncheck();
  await admin.getByRole("button", { name: "事業を作成" }).click();
  await admin.waitForURL(/\/admin\/programs\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  const programId = new URL(admin.url()).pathname.split("/").at(-1)!;
  const roster = [
    "世帯番号,住所,氏名,氏名カナ,生年月日,性別,続柄",
    "0001,北海道上川郡当麻町5条西2丁目8番3号,山田 ハナ,ヤマダ ハナ,1948-03-03,女,世帯主",
    "0001,北海道上川郡当麻町5条西2丁目8番3号,山田 一郎,ヤマダ イチロウ,1975-07-10,男,子",
  ].join("\r\n");
  await admin.getByLabel("名簿ファイル（CSV）").setInputFiles({ name: "roster.csv", mimeType: "text/csv", buffer: Buffer.from(roster) });
  await admin.getByRole("button", { name: "名簿を取り込む" }).click();
  await expect(admin.getByText("名簿を取り込みました")).toBeVisible();
  await admin.getByRole("button", { name: "受付を開始" }).click();
  await admin.getByRole("dialog").getByRole("button", { name: "受付を開始" }).click();
  await expect(admin.getByRole("button", { name: "受付を終了" })).toBeVisible();

  // A lost letter is reprinted for one household; a wrong household code is told, not downloaded.
  await admin.getByLabel("世帯番号（1世帯分だけ印刷）").fill("9999");
  await admin.getByRole("button", { name: "1世帯分の案内状をダウンロード" }).click();
  await expect(admin.getByText("世帯番号 9999 の世帯は、この事業の名簿にありません。")).toBeVisible();
  await admin.getByLabel("世帯番号（1世帯分だけ印刷）").fill("0001");
  const reprint = admin.waitForEvent("download");
  await admin.getByRole("button", { name: "1世帯分の案内状をダウンロード" }).click();
  expect(readFileSync(await (await reprint).path()).subarray(0, 5).toString("latin1")).toBe("%PDF-");

  // The counter clerk can read the household's reference code to a resident who lost the letter.
  const counter = await staffPage(browser, "counter");
  await counter.goto(`/admin/counter?program=${programId}`);
  await counter.getByLabel(/世帯を探す/).fill("ヤマダ");
  await counter.getByRole("button", { name: "検索", exact: true }).click();
  await counter.getByTestId("counter-results").getByRole("button", { name: /山田 ハナ さんの世帯/ }).click();
  const reference = (await counter.getByTestId("counter-reference-code").locator("span").innerText()).trim();
  expect(reference).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

  // The resident: no card step; the code and 山田 ハナ's birth date (昭和23年3月3日) identify the household.
  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await chooseResidentLanguage(phone, "ja");
  await phone.goto("/liff");
  await phone.getByRole("button", { name: /佐藤 健一/ }).click();
  await go(phone, phone.getByRole("link", { name: /物価高騰支援/ }), /\/liff\/benefit$/);
  await go(phone, phone.getByRole("listitem").filter({ hasText: programName }).getByRole("link", { name: "申し込む" }), new RegExp(`/liff/benefit/${programId}$`));
  await expect(phone.getByText("マイナンバーカードと、暗証番号")).toHaveCount(0);
  await go(phone, phone.getByRole("link", { name: "始める", exact: true }), /\/reference$/);
  await expect(phone.getByRole("link", { name: "照会番号なしで進む" })).toHaveCount(0);
  const fill = async (day: string) => {
    await phone.getByLabel(/照会番号/).fill(reference.toLowerCase());
    await phone.getByLabel("年", { exact: true }).selectOption("1948");
    await phone.getByLabel("月", { exact: true }).selectOption("3");
    await phone.getByLabel("日", { exact: true }).selectOption(day);
    await phone.getByRole("button", { name: "次へ" }).click();
    await phone.waitForURL(/\/confirm\?/);
  };
  await fill("4");
  await expect(phone.getByText("照会番号または生年月日が名簿と一致しません。")).toBeVisible();
  await phone.goto(`/liff/benefit/${programId}/reference`);
  await fill("3");
  await expect(phone.getByText("10,000ポイント")).toBeVisible();
  await phone.getByRole("button", { name: "この内容で申し込む" }).click();
  await expect(phone.getByTestId("filing-receipt")).toContainText(new RegExp(`${code}-\\d{7}`));
});
