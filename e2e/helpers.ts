import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type Locator, type Page } from "playwright/test";
import type { Role } from "@/db/schema/staff";
import { navigationFor } from "@/lib/auth/navigation";
import type { StaffActor } from "@/lib/auth/permissions";
import { RESIDENT_LOCALE_COOKIE, type ResidentLocale } from "@/lib/i18n/locale";
import { DEMO_PASSWORD } from "./accounts";
import { BASE_URL } from "./env";

export const MESSAGES = {
  invalid: "ログインIDまたはパスワードが違います。",
  locked: "ログインに続けて失敗したため、このアカウントは一時的にロックされています。時間をおいて試すか、管理者に連絡してください。",
  ssoUnknown: "シングルサインオンのアカウントに対応する有効な職員アカウントがありません。システム管理者に連絡してください。",
  forbidden: "このページを表示する権限がありません",
  notFound: "ページが見つかりません",
} as const;

/** Fills the staff sign-in form; does not wait for where it leads. */
export async function submitLogin(page: Page, loginId: string, password = DEMO_PASSWORD): Promise<void> {
  if (!page.url().includes("/admin/login")) await page.goto("/admin/login");
  await page.getByLabel("ログインID（メールアドレス）").fill(loginId);
  await page.getByLabel("パスワード").fill(password);
  await page.getByRole("button", { name: "ログイン", exact: true }).click();
}

export async function signIn(page: Page, loginId: string, password = DEMO_PASSWORD): Promise<void> {
  await submitLogin(page, loginId, password);
  await page.waitForURL((url) => url.pathname === "/admin");
  await expect(page.getByTestId("current-staff")).toBeVisible();
}

/** The navigation a role should see, computed from the same permission table the app uses. */
export function expectedNavLabels(role: Role): string[] {
  const actor: StaffActor = {
    type: "staff",
    id: "00000000-0000-4000-8000-000000000000",
    loginId: "nav@example.invalid",
    displayName: "nav",
    mustChangePassword: false,
    memberships: [{ departmentId: "00000000-0000-4000-8000-000000000001", role }],
  };
  return navigationFor(actor).map((item) => item.label);
}

/** The page's own alert (Next.js keeps a role=alert route announcer outside <main>). */
export function pageAlert(page: Page) {
  return page.getByRole("main").getByRole("alert");
}

export function adminNav(page: Page) {
  return page.getByRole("navigation", { name: "管理メニュー" });
}

/** axe-core on the current page: no serious or critical violation of WCAG 2.1 A/AA. */
export async function expectNoSeriousA11yViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.join(" ")),
    }));
  expect(serious, `${label}: serious/critical axe violations`).toEqual([]);
}

/**
 * Residents keep their chosen language server-side, so a demo resident another spec switched to English would open
 * in English here: a spec sets the language it expects, as the switch would (the `yakuba_lang` cookie).
 */
export async function chooseResidentLanguage(page: Page, locale: ResidentLocale): Promise<void> {
  await page.context().addCookies([{ name: RESIDENT_LOCALE_COOKIE, value: locale, url: BASE_URL }]);
}

/** Clicks and waits for the URL; retries the click when it lands before the page has hydrated. */
export async function go(page: Page, target: Locator, url: RegExp): Promise<void> {
  await expect(async () => {
    if (!url.test(page.url())) await target.click({ timeout: 5_000 });
    await page.waitForURL(url, { timeout: 10_000 });
  }).toPass({ timeout: 60_000 });
}

/** A phone signed in to LIFF as a demo resident (liff-mock, the picker's button named `name`), in Japanese, on the menu. */
export async function signedInPhone(browser: Browser, name: RegExp): Promise<Page> {
  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await chooseResidentLanguage(phone, "ja");
  await phone.goto("/liff");
  await phone.getByRole("button", { name }).click();
  await expect(phone.getByRole("navigation", { name: "メニュー" })).toBeVisible();
  return phone;
}

/** The resident's LINE talk in the LINE simulator (/dev/line), polled until it holds every text; returns the talk. */
export async function expectLineTalk(browser: Browser, user: string, texts: (string | RegExp)[]): Promise<string> {
  const inbox = await (await browser.newContext()).newPage();
  await inbox.goto(`/dev/line?user=${user}`);
  const talk = inbox.getByRole("region", { name: "トーク" });
  await expect(async () => {
    await inbox.reload();
    for (const text of texts) await expect(talk).toContainText(text, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  const content = await talk.innerText();
  await inbox.context().close();
  return content;
}

