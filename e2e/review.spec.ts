import { expect, test, type Browser, type Page } from "playwright/test";
import { storageStateFor, type DemoAccountKey } from "./accounts";

/**
 * The review detail as a reviewer uses it (issue 12, item 8): the queue opens on 審査待ち, a filing opened from
 * it carries the filter so 「次の申請へ」 walks the same list, nothing is preselected, a decision shows at once,
 * the decided filing shows who decided and what is left, the card's 基本4情報 sit beside the roster's.
 */
test.describe.configure({ mode: "serial" });

const SHOTS = "test-results/screenshots";

async function staffPage(browser: Browser, key: DemoAccountKey, width = 1366): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStateFor(key), viewport: { width, height: 900 } });
  return context.newPage();
}

async function programPath(page: Page): Promise<string> {
  await page.goto("/admin/programs");
  await page.getByRole("link", { name: /物価高騰対策ポイント給付/ }).first().click();
  await page.waitForURL(/\/admin\/programs\/[0-9a-f-]{36}/);
  return new URL(page.url()).pathname.match(/^\/admin\/programs\/[0-9a-f-]{36}/)![0];
}

test("queue on 審査待ち → detail with card vs roster → decide without a preselection → decided state at once → 次の申請へ", async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await staffPage(browser, "reviewer");
  const base = await programPath(page);

  // The queue opens on 審査待ち: the filter says so and every row is waiting.
  await page.goto(`${base}/filings`);
  const search = page.getByRole("search", { name: "申請の絞り込み" });
  await expect(search.getByLabel("状態")).toHaveValue("submitted");
  const table = page.getByRole("table", { name: "申請の一覧" });
  const rows = table.locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.all()) await expect(row).toContainText("受付済み（審査待ち）");
  const receiptNumbers = await table.locator("tbody tr a[href*='/filings/']").allInnerTexts();
  expect(receiptNumbers.length).toBeGreaterThan(2);

  // 山﨑 花子's LINE filing: her card (山崎, room 102) beside the roster (山﨑, room 101).
  await page.goto(`${base}/filings?q=${encodeURIComponent("ヤマザキ")}&status=submitted`);
  await page.getByRole("table", { name: "申請の一覧" }).locator("tbody tr a[href*='/filings/']").first().click();
  await page.waitForURL(/\/filings\/[0-9a-f-]{36}\?/);
  const identity = page.getByRole("region", { name: /本人確認の内容と名簿/ });
  await expect(identity).toContainText("1項目が違います");
  const addressRow = identity.getByRole("row", { name: /住所/ });
  await expect(addressRow).toHaveAttribute("data-differs", "true");
  await expect(addressRow).toContainText("同じ建物の別の部屋です（カード102、名簿101）");
  await expect(identity.getByRole("row", { name: /氏名/ })).not.toHaveAttribute("data-differs", "true");
  // The roster's 続柄, not 世帯員.
  const household = page.getByRole("region", { name: /世帯（世帯番号/ });
  await expect(household.getByRole("row", { name: /山﨑 陽翔/ })).toContainText("子");
  await expect(household).not.toContainText("世帯員");
  await page.screenshot({ path: `${SHOTS}/review-detail-1366.png`, fullPage: true });
  const phone = await staffPage(browser, "reviewer", 390);
  await phone.goto(page.url());
  await expect(phone.getByRole("region", { name: /本人確認の内容と名簿/ })).toBeVisible();
  await phone.screenshot({ path: `${SHOTS}/review-detail-phone.png`, fullPage: true });
  await phone.context().close();

  // Walk the whole queue from its first filing: nothing preselected, return one, approve the next.
  await page.goto(`${base}/filings`);
  await page.getByRole("table", { name: "申請の一覧" }).locator("tbody tr a[href*='/filings/']").first().click();
  await page.waitForURL(/\/filings\/[0-9a-f-]{36}\?status=submitted/);
  const firstUrl = page.url();
  const decision = page.getByRole("region", { name: "審査" });
  for (const name of ["承認する", /差し戻す/, "却下する"]) await expect(decision.getByRole("radio", { name })).not.toBeChecked();
  // Sending without choosing is refused with a message, and nothing is decided.
  await decision.getByRole("button", { name: "判断を登録する" }).click();
  await expect(decision.getByText("承認・差し戻し・却下のどれかを選んでください")).toBeVisible();

  await decision.getByRole("radio", { name: /差し戻す/ }).check();
  await decision.getByLabel(/^理由/).fill("本人確認書類を確認できませんでした。再度お越しください。");
  await decision.getByRole("button", { name: "差し戻す" }).click();
  // The new state arrives with the action's response: badge, outcome panel, history with the reviewer's name.
  await expect(page.getByRole("heading", { name: /申請の内容/ })).toContainText("差し戻し（修正待ち）", { timeout: 5_000 });
  await expect(decision.getByRole("status")).toContainText("審査 一郎さんが差し戻しました", { timeout: 5_000 });
  await expect(page.getByRole("region", { name: "履歴" })).toContainText("審査 一郎さん");
  // A returned filing can still be rejected, and only that.
  await expect(decision.getByRole("radio", { name: "却下する" })).toBeVisible();
  await expect(decision.getByRole("radio", { name: "承認する" })).toHaveCount(0);
  await expect(decision.getByRole("radio", { name: "却下する" })).not.toBeChecked();

  // 「次の申請へ」 walks the 審査待ち queue: the next filing is waiting, the filter is kept.
  await page.getByRole("navigation", { name: "申請の移動" }).getByRole("link", { name: /次の申請へ/ }).click();
  await page.waitForURL((url) => url.href !== firstUrl && url.searchParams.get("status") === "submitted");
  const secondUrl = page.url();
  await expect(page.getByRole("heading", { name: /申請の内容/ })).toContainText("受付済み（審査待ち）");
  const nextDecision = page.getByRole("region", { name: "審査" });
  await nextDecision.getByRole("radio", { name: "承認する" }).check();
  await nextDecision.getByRole("button", { name: "承認する" }).click();
  await expect(page.getByRole("heading", { name: /申請の内容/ })).toContainText("承認済み（給付準備中）", { timeout: 5_000 });
  await expect(nextDecision.getByRole("status")).toContainText("審査 一郎さんが承認しました");
  await expect(nextDecision.getByRole("status")).toContainText("次の給付バッチに入ります");
  await expect(nextDecision.getByRole("radio")).toHaveCount(0);

  // Back to the queue keeps the filter; the two decided filings have left it.
  await page.getByRole("link", { name: "← 申請の一覧へ戻る" }).click();
  await page.waitForURL(/\/filings\?status=submitted/);
  const idOf = (url: string) => new URL(url).pathname.split("/").at(-1)!;
  const queueLinks = page.getByRole("table", { name: "申請の一覧" }).locator("tbody tr a[href*='/filings/']");
  await expect(queueLinks.first()).toBeVisible();
  await expect(queueLinks.locator(`xpath=self::*[contains(@href, "${idOf(firstUrl)}")]`)).toHaveCount(0);
  await expect(queueLinks.locator(`xpath=self::*[contains(@href, "${idOf(secondUrl)}")]`)).toHaveCount(0);
});

test("counter staff: the filing's back link leads to the counter, not a 403", async ({ browser }) => {
  const admin = await staffPage(browser, "reviewer");
  const base = await programPath(admin);
  await admin.goto(`${base}/filings?status=all&channel=counter`);
  const href = await admin.getByRole("table", { name: "申請の一覧" }).locator("tbody tr a[href*='/filings/']").first().getAttribute("href");
  const counter = await staffPage(browser, "counter");
  await counter.goto(new URL(href!, "http://x").pathname);
  const back = counter.getByRole("link", { name: "← 窓口受付へ戻る" });
  await back.click();
  await counter.waitForURL(/\/admin\/counter/);
  await expect(counter.getByRole("heading", { level: 1, name: "窓口受付" })).toBeVisible();
});

test("duplicates: opening the screen finds the suspects without pressing scan, says when it checked, and marks what differs", async ({ browser }) => {
  const page = await staffPage(browser, "reviewer");
  const base = await programPath(page);
  await page.goto(`${base}/duplicates`);
  await expect(page.getByTestId("duplicate-last-scan")).toContainText(/最後の確認: 令和/);
  const group = page.getByTestId("duplicate-group").filter({ hasText: "長谷川" }).first();
  await expect(group).toBeVisible();
  await expect(group.getByRole("row", { name: /世帯の人数/ })).toHaveAttribute("data-differs", "true");
  await expect(group.getByRole("row", { name: /ポイント/ })).toHaveAttribute("data-differs", "true");
  await expect(group.getByRole("row", { name: /^住所/ })).not.toHaveAttribute("data-differs", "true");
});

test("counter: a filed household's panel offers the receipt again", async ({ browser }) => {
  // Other specs open more programs: name the demo program, as the counter remembers it.
  const programId = (await programPath(await staffPage(browser, "reviewer"))).split("/").at(-1)!;
  const counter = await staffPage(browser, "counter");
  await counter.goto(`/admin/counter?program=${programId}`);
  await counter.getByLabel(/世帯を探す/).fill("タカハシ イチロウ");
  await counter.getByRole("button", { name: "検索", exact: true }).click();
  await counter.getByTestId("counter-results").getByRole("button", { name: /髙橋 一郎 さんの世帯/ }).click();
  await counter.getByTestId("counter-reprint").click();
  await counter.waitForURL(/\/admin\/counter\/receipt\/[0-9a-f-]{36}/);
  await expect(counter.getByTestId("receipt")).toContainText("髙橋 一郎");
});

test("permissions: department admins see what each role may do; a reviewer does not get the page", async ({ browser }) => {
  const admin = await staffPage(browser, "dept_admin");
  await admin.goto("/admin/permissions");
  const decide = admin.locator("tr[data-action='filing.decide']");
  await expect(decide.locator("td[data-role='reviewer']")).toHaveText("所属部署で可");
  await expect(decide.locator("td[data-role='counter']")).toHaveText("—");
  await expect(decide.locator("td[data-role='system_admin']")).toHaveText("全部署で可");
  const reviewer = await staffPage(browser, "reviewer");
  const response = await reviewer.goto("/admin/permissions");
  expect(response?.status()).toBe(403);
});
