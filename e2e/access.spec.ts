import { expect, test } from "playwright/test";
import { storageStateFor } from "./accounts";
import { MESSAGES } from "./helpers";

test.describe("signed out", () => {
  for (const path of ["/admin", "/admin/staff", "/admin/audit", "/admin/departments", "/admin/account/password"]) {
    test(`${path} redirects to the sign-in page`, async ({ page }) => {
      await page.goto(path);
      await expect(page).toHaveURL(/\/admin\/login/);
      await expect(page.getByRole("heading", { name: "職員ログイン" })).toBeVisible();
    });
  }

  test("the audit export answers 401 as JSON", async ({ request }) => {
    const response = await request.get("/api/admin/audit/export");
    expect(response.status()).toBe(401);
    expect(await response.json()).toEqual({ error: "ログインしてください。" });
  });
});

test.describe("a viewer", () => {
  test.use({ storageState: storageStateFor("viewer") });

  for (const path of ["/admin/staff", "/admin/staff/new", "/admin/audit"]) {
    test(`gets the 403 page at ${path}`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
      await expect(page.getByRole("heading", { name: MESSAGES.forbidden })).toBeVisible();
    });
  }

  test("gets 403 JSON from the audit export", async ({ page }) => {
    const response = await page.request.get("/api/admin/audit/export");
    expect(response.status()).toBe(403);
    expect(await response.json()).toEqual({ error: "この操作を行う権限がありません。" });
  });
});

test.describe("a department admin", () => {
  test.use({ storageState: storageStateFor("dept_admin") });

  test("gets the 403 page at the audit log and 403 from its export", async ({ page }) => {
    const response = await page.goto("/admin/audit");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: MESSAGES.forbidden })).toBeVisible();
    expect((await page.request.get("/api/admin/audit/export")).status()).toBe(403);
  });
});

test("an unknown page is a 404", async ({ page }) => {
  const response = await page.goto("/admin/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: MESSAGES.notFound })).toBeVisible();
});
