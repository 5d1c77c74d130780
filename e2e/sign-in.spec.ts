import { expect, test } from "playwright/test";
import { DEMO_ACCOUNTS, E2E_ACCOUNTS, type DemoAccountKey } from "./accounts";
import { NAV_ITEMS } from "@/lib/auth/navigation";
import { adminNav, expectedNavLabels, MESSAGES, signIn, submitLogin, pageAlert } from "./helpers";

test.describe("staff sign-in", () => {
  for (const key of Object.keys(DEMO_ACCOUNTS) as DemoAccountKey[]) {
    const account = DEMO_ACCOUNTS[key];
    test(`${key} lands on /admin and sees only the navigation of the ${account.role} role`, async ({ page }) => {
      await signIn(page, account.loginId);
      await expect(page).toHaveURL(/\/admin$/);
      await expect(page.getByTestId("current-staff")).toHaveText(account.displayName);
      const expected = expectedNavLabels(account.role);
      await expect(adminNav(page).getByRole("link")).toHaveText(expected);
      // Nor does the home page link to what the role may not use.
      for (const item of NAV_ITEMS.filter((nav) => !expected.includes(nav.label))) {
        await expect(page.locator(`main a[href="${item.href}"]`)).toHaveCount(0);
      }
    });
  }

  test("the navigation differs by role: only the system admin sees the audit log", () => {
    expect(expectedNavLabels("system_admin")).toContain("監査ログ");
    for (const role of ["dept_admin", "reviewer", "counter", "viewer"] as const) {
      expect(expectedNavLabels(role)).not.toContain("監査ログ");
    }
    expect(expectedNavLabels("dept_admin")).toContain("職員アカウント");
    expect(expectedNavLabels("viewer")).not.toContain("職員アカウント");
  });

  test("a wrong password shows the message, clears the password and stays on the sign-in page", async ({ page }) => {
    await submitLogin(page, DEMO_ACCOUNTS.reviewer.loginId, "not-the-password");
    await expect(pageAlert(page)).toContainText(MESSAGES.invalid);
    await expect(page).toHaveURL(/\/admin\/login/);
    await expect(page.getByLabel("パスワード")).toHaveValue("");
  });

  test("an unknown login id shows the same message as a wrong password", async ({ page }) => {
    await submitLogin(page, "nobody@yakuba.example", "whatever-password");
    await expect(pageAlert(page)).toContainText(MESSAGES.invalid);
  });

  test("five failures lock the account; then even the right password is refused", async ({ page }) => {
    const account = E2E_ACCOUNTS.lockout;
    for (let attempt = 1; attempt <= 4; attempt++) {
      await submitLogin(page, account.loginId, `wrong-password-${attempt}`);
      await expect(pageAlert(page)).toContainText(MESSAGES.invalid);
      await expect(page.getByRole("button", { name: "ログイン", exact: true })).toBeEnabled();
    }
    await submitLogin(page, account.loginId, "wrong-password-5");
    await expect(pageAlert(page)).toContainText(MESSAGES.locked);
    await submitLogin(page, account.loginId, account.password);
    await expect(pageAlert(page)).toContainText(MESSAGES.locked);
    await expect(page).toHaveURL(/\/admin\/login/);
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/admin\/login/);
  });

  test("sign-out ends the session: the console sends the visitor back to sign-in", async ({ page }) => {
    await signIn(page, DEMO_ACCOUNTS.counter.loginId);
    await page.getByRole("button", { name: "ログアウト" }).click();
    await page.waitForURL(/\/admin\/login/);
    await expect(page.getByRole("heading", { name: "職員ログイン" })).toBeVisible();
    const cookies = await page.context().cookies();
    expect(cookies.filter((cookie) => cookie.name.includes("session-token"))).toEqual([]);
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/admin\/login/);
  });

  test("the session cookie is httpOnly and sameSite=Lax", async ({ page }) => {
    await signIn(page, DEMO_ACCOUNTS.viewer.loginId);
    const session = (await page.context().cookies()).find((cookie) => cookie.name.includes("session-token"));
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  });
});
