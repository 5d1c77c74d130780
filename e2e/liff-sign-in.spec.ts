import { expect, test } from "playwright/test";

// The LIFF sign-in never waits silently: after its time-out it says so in the resident's language and offers a retry.
test.describe("LIFF sign-in time-out", () => {
  // Each test waits out the 15-second sign-in time-out before it can act: room for that on a busy machine.
  test.describe.configure({ timeout: 120_000 });
  test("LINE does not answer: a message and a retry that starts again", async ({ page }) => {
    // The first sign-in's nonce request is never answered (not even later: an unrouted request may go through and
    // sign in behind the test's back); requests after the retry are.
    let answer = false;
    await page.route("**/api/liff/nonce", (route) => (answer ? route.continue() : undefined));
    await page.goto("/liff");
    await page.getByRole("button", { name: /当麻 花子/ }).click();
    const notice = page.getByText("LINEアカウントを確認できませんでした。通信状態を確かめて、もう一度お試しください。");
    await expect(notice).toBeVisible({ timeout: 30_000 });
    answer = true;
    // The retry reloads the page at once, and Playwright may see the button detach mid-action and retry it on the
    // new page, where it no longer exists: the action is bounded, and the reloaded picker is what proves the retry.
    await page.getByRole("button", { name: "もう一度試す" }).click({ noWaitAfter: true, timeout: 10_000 }).catch(() => {});
    await expect(page.getByRole("heading", { name: "開発用：どの住民として開きますか" })).toBeVisible({ timeout: 30_000 });
    await expect(notice).toHaveCount(0);
  });

  test("in English for an English-speaking resident", async ({ browser }) => {
    const page = await (await browser.newContext({ locale: "en-US" })).newPage();
    await page.route("**/api/liff/nonce", () => {});
    await page.goto("/liff");
    await page.getByRole("button", { name: /当麻 花子/ }).click();
    await expect(page.getByText("We could not check your LINE account. Please check your connection and try again.")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole("button", { name: "Try again" })).toBeVisible();
  });

  test("the page's scripts never run (e.g. a blocked dev origin): the server-rendered notice still appears", async ({ page }) => {
    await page.route("**/_next/static/**/*.js", (route) => route.abort());
    await page.goto("/liff");
    await expect(page.getByText("LINEアカウントを確認しています…")).toBeVisible();
    const notice = page.getByText("LINEアカウントを確認できませんでした。通信状態を確かめて、もう一度お試しください。");
    await expect(notice).toBeHidden();
    await expect(notice).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole("link", { name: "もう一度試す" })).toHaveAttribute("href", "");
  });
});
