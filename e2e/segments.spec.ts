import { expect, test, type Browser, type Locator, type Page } from "playwright/test";
import { storageStateFor } from "./accounts";
import { signedInPhone } from "./helpers";

/**
 * 受信設定 end to end: residents follow, choose topics in LIFF, staff send a 防災 broadcast, and LINE (the
 * simulator behind /dev/line) shows it only to the resident who has 防災 on.
 */
test.describe.configure({ mode: "serial" });

async function follow(browser: Browser, key: string): Promise<void> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`/dev/line?user=${key}`);
  await page.getByLabel("種類").selectOption("follow");
  await page.getByRole("button", { name: "送信", exact: true }).click();
  const talk = page.getByRole("region", { name: "トーク" });
  // The welcome links to the settings page.
  await expect(async () => {
    await page.reload();
    await expect(talk).toContainText("/liff/settings", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await page.context().close();
}

async function residentPhone(browser: Browser, name: RegExp): Promise<Page> {
  const phone = await signedInPhone(browser, name);
  await expect(phone.getByRole("link", { name: /受信設定/ })).toBeVisible();
  await phone.goto("/liff/topics");
  await phone.waitForURL(/\/liff\/settings$/);
  return phone;
}

/** Sets one topic's switch and waits for the spoken confirmation. */
async function setTopic(phone: Page, name: string, on: boolean): Promise<void> {
  const toggle: Locator = phone.getByRole("switch", { name: new RegExp(name) });
  if ((await toggle.getAttribute("aria-checked")) !== String(on)) {
    await expect(async () => {
      await toggle.click({ timeout: 5_000 });
      await expect(phone.getByRole("status").filter({ hasText: `「${name}」のお知らせを${on ? "受け取る" : "受け取らない"}設定にしました` })).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 30_000 });
  }
  await expect(toggle).toHaveAttribute("aria-checked", String(on));
}

async function talkOf(browser: Browser, key: string): Promise<{ page: Page; talk: Locator }> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`/dev/line?user=${key}`);
  return { page, talk: page.getByRole("region", { name: "トーク" }) };
}

test("防災 on, 子育て off in LIFF → staff send a 防災 broadcast → only that resident gets it", async ({ browser }) => {
  test.setTimeout(240_000);
  await follow(browser, "sato");
  await follow(browser, "kimura");

  // 佐藤 健一: 防災 on, 子育て off; the choice survives a reload.
  const sato = await residentPhone(browser, /佐藤 健一/);
  await setTopic(sato, "子育て", true);
  await setTopic(sato, "子育て", false);
  await setTopic(sato, "防災・防犯", true);
  await sato.reload();
  await expect(sato.getByRole("switch", { name: /防災・防犯/ })).toHaveAttribute("aria-checked", "true");
  await expect(sato.getByRole("switch", { name: /子育て/ })).toHaveAttribute("aria-checked", "false");
  await expect(sato.getByText("避難情報・気象警報・不審者情報・防災訓練のお知らせ")).toBeVisible();

  // 木村: 防災 off.
  const kimura = await residentPhone(browser, /木村/);
  await setTopic(kimura, "防災・防犯", false);

  // The system admin composes a 防災・防犯 broadcast for 総務課情報グループ and sends it.
  const admin = await (await browser.newContext({ storageState: storageStateFor("system_admin") })).newPage();
  await admin.goto("/admin/broadcasts/new");
  await admin.getByLabel("配信する部署").selectOption({ label: "総務課情報グループ" });
  await admin.getByLabel(/防災・防犯/).check();
  await admin.getByLabel("件名（管理用・住民には届きません）").fill("大雨警報");
  await admin.getByLabel("本文（日本語）").fill("【防災】大雨警報が出ています。川に近づかないでください。");
  await expect(admin.getByRole("figure").getByText("【防災】大雨警報が出ています。")).toBeVisible();
  await admin.getByRole("button", { name: "下書きを保存して確認へ" }).click();
  await admin.waitForURL(/\/admin\/broadcasts\/[0-9a-f-]{36}$/);
  await admin.getByRole("button", { name: "承認して送信する" }).click();
  await admin.getByRole("dialog").getByRole("button", { name: "送信する" }).click();
  await expect(admin.getByText("送信済み").first()).toBeVisible();

  const { page: satoTalkPage, talk: satoTalk } = await talkOf(browser, "sato");
  await expect(async () => {
    await satoTalkPage.reload();
    await expect(satoTalk).toContainText("大雨警報が出ています", { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  const { talk: kimuraTalk } = await talkOf(browser, "kimura");
  await expect(kimuraTalk).toContainText("/liff/settings");
  await expect(kimuraTalk).not.toContainText("大雨警報が出ています");
});
