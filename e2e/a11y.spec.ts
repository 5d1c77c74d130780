import { expect, test, type Page } from "playwright/test";
import { DEMO_ACCOUNTS, storageStateFor, type DemoAccountKey } from "./accounts";
import { NAV_ITEMS } from "@/lib/auth/navigation";
import { BASE_URL } from "./env";
import { expectedNavLabels, expectNoSeriousA11yViolations, MESSAGES, pageAlert } from "./helpers";

/** Opens a page, checks it rendered what was meant (not an error page), then runs axe on it. */
async function check(page: Page, path: string, heading: string | RegExp, status = 200): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status(), `${path} status`).toBe(status);
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await expectNoSeriousA11yViolations(page, path);
}

/** The href of the first link matching the selector on a page, for detail pages whose ids the seed decides. */
async function firstHref(page: Page, listPath: string, selector: string): Promise<string> {
  await page.goto(listPath);
  const href = await page.locator(selector).first().getAttribute("href");
  expect(href, `a link ${selector} on ${listPath}`).toBeTruthy();
  return href!;
}

test.describe("accessibility (axe, WCAG 2.1 AA): no serious or critical violations", () => {
  test("sign-in page, also with an error shown", async ({ page }) => {
    await check(page, "/admin/login", "職員ログイン");
    await page.getByLabel("ログインID（メールアドレス）").fill("nobody@yakuba.example");
    await page.getByLabel("パスワード").fill("wrong-password");
    await page.getByRole("button", { name: "ログイン", exact: true }).click();
    await expect(pageAlert(page)).toBeVisible();
    await expectNoSeriousA11yViolations(page, "/admin/login with an error");
  });

  test("sign-in page with the SSO error", async ({ page }) => {
    await check(page, "/admin/login?error=sso_unknown", "職員ログイン");
  });

  test("404 page", async ({ page }) => {
    await check(page, "/admin/no-such-page", MESSAGES.notFound, 404);
  });

  for (const key of Object.keys(DEMO_ACCOUNTS) as DemoAccountKey[]) {
    test.describe(`as ${key}`, () => {
      test.use({ storageState: storageStateFor(key) });
      test("home", async ({ page }) => {
        await check(page, "/admin", `${DEMO_ACCOUNTS[key].displayName}さん、おつかれさまです`);
      });
    });
  }

  // Pages added to the navigation later are covered without editing this file: each destination is opened by the
  // first demo account whose role sees it.
  for (const item of NAV_ITEMS) {
    const key = (Object.keys(DEMO_ACCOUNTS) as DemoAccountKey[]).find((k) => expectedNavLabels(DEMO_ACCOUNTS[k].role).includes(item.label));
    if (!key) continue;
    test.describe(`navigation destination ${item.href} as ${key}`, () => {
      test.use({ storageState: storageStateFor(key) });
      test(item.label, async ({ page }) => {
        await check(page, item.href, /.+/);
      });
    });
  }

  test.describe("as the viewer", () => {
    test.use({ storageState: storageStateFor("viewer") });
    test("403 page", async ({ page }) => {
      await check(page, "/admin/staff", MESSAGES.forbidden, 403);
    });
    test("password change", async ({ page }) => {
      await check(page, "/admin/account/password", "パスワード変更");
    });
  });

  test.describe("as the system admin", () => {
    test.use({ storageState: storageStateFor("system_admin") });

    test("staff list, with filters applied", async ({ page }) => {
      await check(page, "/admin/staff", "職員アカウント");
      await check(page, "/admin/staff?q=yakuba&sort=lastLoginAt&dir=desc", "職員アカウント");
    });

    test("staff detail", async ({ page }) => {
      const href = await firstHref(page, "/admin/staff", 'table a[href^="/admin/staff/"]');
      await check(page, href, /.+/);
    });

    test("new staff form", async ({ page }) => {
      await check(page, "/admin/staff/new", "職員を追加");
    });

    test("departments, new department, edit and settings", async ({ page }) => {
      await check(page, "/admin/departments", "部署");
      await check(page, "/admin/departments/new", /部署/);
      await check(page, await firstHref(page, "/admin/departments", 'a[href$="/edit"]'), /.+/);
      await check(page, await firstHref(page, "/admin/departments", 'a[href$="/settings"]'), /.+/);
    });

    test("audit log, with a search, with a rejected search, and an entry's detail", async ({ page }) => {
      await check(page, "/admin/audit", "監査ログ");
      await check(page, "/admin/audit?action=auth&sort=action&dir=asc", "監査ログ");
      await check(page, "/admin/audit?from=2026-13-01", "監査ログ");
      await check(page, await firstHref(page, "/admin/audit", 'table a[href^="/admin/audit/"]'), /監査ログの詳細/);
    });

    test("password change", async ({ page }) => {
      await check(page, "/admin/account/password", "パスワード変更");
    });
  });
});

test.describe("accessibility of the LIFF pages, in each resident language", () => {
  const LANGUAGES = [
    { locale: "ja", resident: /木村 美咲/, home: "役場 LINE", benefit: "物価高騰支援の申込み", status: "申込み状況", topics: "受信設定", jpki: "マイナンバーカードで本人確認" },
    { locale: "ja-easy", resident: /山田 正/, home: "役場 LINE", benefit: /^物価.*支援.*の もうしこみ$/, status: "もうしこみの じょうきょう", topics: "受信設定", jpki: "マイナンバーカードで 本人確認" },
    { locale: "en", resident: /当麻 花子/, home: "Town Hall on LINE", benefit: "Price-relief grant", status: "Your applications", topics: "Message topics", jpki: "Verify with your My Number card" },
  ] as const;

  for (const language of LANGUAGES) {
    test(`${language.locale}: sign-in, menu, grant, reference code with an error, status, topics, identity`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.context().addCookies([{ name: "yakuba_lang", value: language.locale, url: BASE_URL }]);
      await check(page, "/liff", language.home);
      await expect(page.locator("[data-locale]")).toHaveAttribute("lang", language.locale === "en" ? "en" : "ja");
      // The document itself, not only the LIFF wrapper, is in the resident's language (the root layout is shared with staff pages).
      await expect(page.locator("html")).toHaveAttribute("lang", language.locale === "en" ? "en" : "ja");
      // The simulators' picker signs the resident in; the page reloads into the menu.
      await page.getByRole("button", { name: language.resident }).click();
      // やさしい日本語 reads the menu with furigana: the link name carries the readings between the kanji.
      await expect(page.getByRole("link", { name: /Price-relief grant|物価.*高騰.*支援/ })).toBeVisible();
      await expectNoSeriousA11yViolations(page, `/liff menu (${language.locale})`);
      await check(page, "/liff/benefit", language.benefit);
      const program = await page.locator('main li a[href^="/liff/benefit/"]').first().getAttribute("href");
      expect(program, "a program open on LINE").toBeTruthy();
      await check(page, `${program}/reference?error=format`, /.+/);
      await expect(page.getByRole("textbox")).toHaveAttribute("aria-invalid", "true");
      await check(page, "/liff/benefit/status", language.status);
      await check(page, "/liff/topics", language.topics);
      await check(page, "/liff/jpki", language.jpki);
      await expect(page.locator("html")).toHaveAttribute("lang", language.locale === "en" ? "en" : "ja");
    });
  }
});
