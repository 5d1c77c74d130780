import { readFile } from "node:fs/promises";
import { expect, test } from "playwright/test";
import { pageAlert } from "./helpers";
import { DEMO_ACCOUNTS, storageStateFor } from "./accounts";

test.describe("audit log screen (system admin)", () => {
  test.use({ storageState: storageStateFor("system_admin") });

  test("searches by actor and action with the state in the URL, sorts, and opens an entry", async ({ page }) => {
    await page.goto("/admin/audit");
    const search = page.getByRole("search", { name: "監査ログの検索" });
    await search.getByLabel("操作者", { exact: true }).fill(DEMO_ACCOUNTS.reviewer.loginId);
    await search.getByLabel("操作", { exact: true }).selectOption({ label: "ログイン成功" });
    await search.getByRole("button", { name: "検索" }).click();
    await page.waitForURL((url) => url.searchParams.get("action") === "auth.login_succeeded");
    expect(new URL(page.url()).searchParams.get("actor")).toBe(DEMO_ACCOUNTS.reviewer.loginId);

    const table = page.getByRole("table", { name: "監査ログの一覧" });
    const rows = table.locator("tbody tr");
    await expect(rows.first()).toContainText("ログイン成功");
    // Every row shows the reviewer's sign-ins, dated in 和暦 with a 24-hour clock.
    for (const row of await rows.all()) {
      await expect(row).toContainText("auth.login_succeeded");
      await expect(row).toContainText(DEMO_ACCOUNTS.reviewer.loginId);
      await expect(row.locator("td").first()).toHaveText(/^令和\d+年\d+月\d+日 \d{2}:\d{2}:\d{2}$/);
    }

    await table.getByRole("button", { name: /日時/ }).click();
    await page.waitForURL((url) => url.searchParams.get("dir") === "asc" && url.searchParams.get("sort") === "at");
    await expect(table.getByRole("columnheader", { name: /日時/ })).toHaveAttribute("aria-sort", "ascending");

    await rows.first().getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1, name: /監査ログの詳細/ })).toBeVisible();
    await expect(page.getByText("auth.login_succeeded").first()).toBeVisible();
    await expect(page.getByRole("region", { name: "変更後" })).toContainText('"method": "password"');
  });

  test("a rejected date shows the reason next to the field and searches nothing", async ({ page }) => {
    await page.goto("/admin/audit?from=2026-05-01&to=2026-04-01");
    await expect(pageAlert(page)).toContainText("入力内容に誤りがあります");
    await expect(page.getByText("終了日は開始日と同じか後の日付にしてください")).toBeVisible();
    await expect(page.getByRole("link", { name: "この条件でCSV出力" })).toHaveCount(0);
  });

  test("exports the filtered log as a UTF-8 CSV with a BOM, and the export itself is logged", async ({ page }) => {
    await page.goto(`/admin/audit?action=auth.login_succeeded&actor=${encodeURIComponent(DEMO_ACCOUNTS.viewer.loginId)}`);
    const downloadPromise = page.waitForEvent("download");
    await page.getByRole("link", { name: "この条件でCSV出力" }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString("utf8").trimEnd().split("\r\n");
    expect(lines[0]).toContain("日時（和暦）");
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines.slice(1)) {
      expect(line).toContain("auth.login_succeeded");
      expect(line).toContain(DEMO_ACCOUNTS.viewer.loginId);
    }

    await page.goto("/admin/audit?action=audit.export");
    const latest = page.getByRole("table", { name: "監査ログの一覧" }).locator("tbody tr").first();
    await expect(latest).toContainText("監査ログのCSV出力");
    await expect(latest).toContainText(DEMO_ACCOUNTS.system_admin.displayName);
  });

  test("names every action in Japanese, filters by a labelled select grouped by area, and fits 1,024 px and a phone", async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto("/admin/audit");
    const search = page.getByRole("search", { name: "監査ログの検索" });
    const action = search.getByLabel("操作", { exact: true });
    // A select of labels in groups by area, with a whole-area choice.
    await expect(action.locator("optgroup[label='申請'] option", { hasText: "申請の承認" })).toHaveCount(1);
    await action.selectOption({ label: "ログインのすべて" });
    await search.getByRole("button", { name: "検索" }).click();
    await page.waitForURL((url) => url.searchParams.get("action") === "auth");
    const rows = page.getByRole("table", { name: "監査ログの一覧" }).locator("tbody tr");
    await expect(rows.first()).toBeVisible();
    for (const row of (await rows.all()).slice(0, 10)) await expect(row.locator("td").nth(2)).toContainText(/ログイン|ロック/);
    await page.goto("/admin/audit");
    // No row shows a bare code without its Japanese name.
    for (const cell of await page.getByRole("table", { name: "監査ログの一覧" }).locator("tbody tr td:nth-child(3)").all()) {
      const spans = await cell.locator("span > span").first().innerText();
      expect(spans).not.toMatch(/^[a-z_.]+$/);
    }
    await page.screenshot({ path: "test-results/screenshots/audit-log-1366.png", fullPage: true });

    // 1,024 px: the page does not scroll sideways and the operator column is wider than a couple of characters.
    await page.setViewportSize({ width: 1024, height: 800 });
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    const operator = page.getByRole("table", { name: "監査ログの一覧" }).locator("tbody tr td:nth-child(2)").first();
    expect((await operator.boundingBox())!.width).toBeGreaterThan(150);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    // What sticks out, named, so a failure says where (elements inside a sideways-scrolling table box excepted).
    const sticking = await page.evaluate(() =>
      [...document.querySelectorAll("body *")]
        .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !el.parentElement?.closest(".overflow-x-auto"))
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 60)} right=${Math.round(el.getBoundingClientRect().right)}`),
    );
    expect(sticking).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: "test-results/screenshots/audit-log-phone.png", fullPage: true });
  });
});
