import { expect, test } from "playwright/test";
import { E2E_ACCOUNTS } from "./accounts";
import { MESSAGES, expectNoSeriousA11yViolations, signIn, submitLogin, pageAlert } from "./helpers";

test("a staff member on a temporary password changes it, and only the new one works afterwards", async ({ page }) => {
  const account = E2E_ACCOUNTS.passwordChange;
  const newPassword = "hokkaido-asahikawa-2026";
  await signIn(page, account.loginId, account.password);
  await expect(page.getByRole("status").filter({ hasText: "仮パスワードでログインしています" })).toBeVisible();
  // The warning Alert's own colours pass (its title once measured 4.2:1 on the yellow background).
  await expectNoSeriousA11yViolations(page, "admin with the temporary-password warning");

  await page.getByRole("navigation", { name: "管理メニュー" }).getByRole("link", { name: "パスワード変更" }).click();
  await expect(page.getByRole("heading", { name: "パスワード変更" })).toBeVisible();

  // A mismatch is caught before anything is sent.
  await page.getByLabel("現在のパスワード").fill(account.password);
  await page.getByLabel("新しいパスワード", { exact: false }).first().fill(newPassword);
  await page.getByLabel("新しいパスワード（確認）").fill(`${newPassword}x`);
  await page.getByRole("button", { name: "パスワードを変更" }).click();
  await expect(page.getByText("新しいパスワードが一致しません").first()).toBeVisible();

  // A wrong current password is refused by the server.
  await page.getByLabel("現在のパスワード").fill("not-my-password");
  await page.getByLabel("新しいパスワード（確認）").fill(newPassword);
  await page.getByRole("button", { name: "パスワードを変更" }).click();
  await expect(page.getByText("現在のパスワードが違います").first()).toBeVisible();

  await page.getByLabel("現在のパスワード").fill(account.password);
  await page.getByRole("button", { name: "パスワードを変更" }).click();
  await expect(page.getByRole("status").filter({ hasText: "パスワードを変更しました" })).toBeVisible();
  await page.goto("/admin");
  await expect(page.getByText("仮パスワードでログインしています")).toHaveCount(0);

  await page.getByRole("button", { name: "ログアウト" }).click();
  await page.waitForURL(/\/admin\/login/);
  await submitLogin(page, account.loginId, account.password);
  await expect(pageAlert(page)).toContainText(MESSAGES.invalid);
  await signIn(page, account.loginId, newPassword);
});
