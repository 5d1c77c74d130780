import { expect, test, type Page } from "playwright/test";
import { DEMO_ACCOUNTS, SSO_ACCOUNTS } from "./accounts";
import { MESSAGES, pageAlert } from "./helpers";
import { OIDC_ISSUER, SSO_DISPLAY_NAME } from "./env";

/** Starts SSO from the sign-in page and signs in at the local OIDC provider's own login page. */
async function signInAtIdp(page: Page, login: string): Promise<void> {
  await page.goto("/admin/login");
  await page.getByRole("button", { name: `${SSO_DISPLAY_NAME}でログイン` }).click();
  await page.waitForURL((url) => url.origin === OIDC_ISSUER);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any-password-the-idp-accepts");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

test.describe("single sign-on against a real OpenID Connect provider", () => {
  test("an IdP account whose e-mail is a staff login id signs in as that staff member", async ({ page }) => {
    await signInAtIdp(page, SSO_ACCOUNTS.known.login);
    await page.waitForURL((url) => url.pathname === "/admin");
    await expect(page.getByTestId("current-staff")).toHaveText(DEMO_ACCOUNTS.system_admin.displayName);
    await expect(page.getByRole("navigation", { name: "管理メニュー" }).getByRole("link", { name: "監査ログ" })).toBeVisible();
  });

  test("an IdP account with no staff account is turned away with the sso_unknown message", async ({ page }) => {
    await signInAtIdp(page, SSO_ACCOUNTS.unknown.login);
    await page.waitForURL((url) => url.pathname === "/admin/login" && url.searchParams.get("error") === "sso_unknown");
    await expect(pageAlert(page)).toContainText(MESSAGES.ssoUnknown);
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/admin\/login/);
  });
});
