import { expect, test, type Page } from "playwright/test";
import { storageStateFor } from "./accounts";
import { adminNav, expectNoSeriousA11yViolations, pageAlert } from "./helpers";

/**
 * Staff form management (issue 15): a department admin creates a form, builds a second page with a choice
 * question and a route in the structured editor, is refused at publish with the problem named, fixes it,
 * publishes 第1版, edits again, sees the diff against 第1版, and reverts the draft to it.
 */
test.describe.configure({ mode: "serial" });

async function saveDraft(page: Page): Promise<void> {
  await page.getByRole("button", { name: "下書きを保存", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "下書きを保存しました" })).toBeVisible();
}

async function publish(page: Page): Promise<void> {
  await page.getByRole("button", { name: "公開する", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "公開する", exact: true }).click();
}

test("create → editor with a page, a choice question and a route → publish refused with the problem → fixed and published → diff against 第1版 → revert", async ({ browser }) => {
  test.setTimeout(240_000);
  const context = await browser.newContext({ storageState: storageStateFor("dept_admin"), viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  const code = `e2e-form-${Date.now().toString(36)}`;

  await page.goto("/admin");
  await adminNav(page).getByRole("link", { name: "電子申請の様式" }).click();
  await page.waitForURL(/\/admin\/forms$/);
  await expectNoSeriousA11yViolations(page, "様式の一覧");
  await page.getByRole("link", { name: "様式を作成" }).click();

  // A bad code is named in Japanese and nothing is created.
  await page.getByLabel("様式コード").fill("Bad Code");
  await page.getByLabel("様式名").fill("E2E 受け取り方法の申込み");
  await page.getByRole("button", { name: "作成して編集へ" }).click();
  await expect(pageAlert(page)).toContainText("様式コードは英小文字・数字・ハイフン（2〜40文字）にしてください");
  await page.getByLabel("様式コード").fill(code);
  await page.getByRole("button", { name: "作成して編集へ" }).click();
  await page.waitForURL(/\/admin\/forms\/[0-9a-f-]{36}\/edit$/);
  const formPath = new URL(page.url()).pathname.replace(/\/edit$/, "");

  // A second page whose question becomes a single choice.
  await page.getByRole("button", { name: "ページを追加" }).click();
  const page2 = page.getByRole("region", { name: "ページ2", exact: true });
  const question = page2.getByRole("region", { name: "ページ2の質問1", exact: true });
  await question.getByLabel("質問の種類").selectOption({ label: "1つ選ぶ" });
  await question.getByLabel("質問文（日本語）").fill("受け取り方法");
  await question.getByLabel("選択肢1（日本語）").fill("郵送");
  await question.getByLabel("選択肢2（日本語）").fill("窓口");

  // An empty required wording is named with where it is, and nothing is saved.
  await question.getByLabel("選択肢2（日本語）").fill("");
  await page.getByRole("button", { name: "下書きを保存", exact: true }).click();
  await expect(pageAlert(page)).toContainText("ページ2（page2）の質問1（question2）の選択肢2: 選択肢を入力してください");
  await question.getByLabel("選択肢2（日本語）").fill("窓口");
  await expectNoSeriousA11yViolations(page, "様式の編集（誤りの表示中）");

  // A route on page 2 that goes back to page 1: saved, but publishing refuses it.
  await page2.getByRole("button", { name: "分岐を追加" }).click();
  const route = page2.getByRole("listitem", { name: "ページ2の分岐1" });
  await route.getByLabel("どの質問の回答か").selectOption("question2");
  await route.getByLabel("比べ方").selectOption("equals");
  await route.getByLabel("値", { exact: true }).selectOption("option1");
  await route.getByLabel("移動先").selectOption("page1");
  await saveDraft(page);

  await page.goto(formPath);
  const backwards = "ページ「page2」の分岐1は前のページ「page1」へ戻っています（分岐は後ろのページへだけ進めます）";
  await expect(page.getByRole("main")).toContainText("このままでは公開できません（1件）");
  await publish(page);
  await expect(pageAlert(page)).toContainText("公開できません（1件）");
  await expect(pageAlert(page).getByRole("listitem")).toHaveText([backwards]);
  await expectNoSeriousA11yViolations(page, "様式の概要（公開できない理由の表示中）");

  // Fixed: the route ends the form instead.
  await page.getByRole("link", { name: "下書きを編集" }).click();
  await page.getByRole("region", { name: "ページ2", exact: true }).getByRole("listitem", { name: "ページ2の分岐1" }).getByLabel("移動先").selectOption("end");
  await saveDraft(page);
  await page.goto(formPath);
  await expect(page.getByRole("main")).not.toContainText("このままでは公開できません");
  await publish(page);
  await expect(page.getByRole("main").getByRole("status").filter({ hasText: "第1版として公開しました。" })).toBeVisible();
  await expect(page.getByRole("row", { name: /第1版（公開中）/ })).toContainText("推進 花子");

  // The list shows it live at 第1版.
  await page.goto(`/admin/forms?q=${code}`);
  await expect(page.getByRole("row", { name: new RegExp(code) })).toContainText("公開中");
  await expect(page.getByRole("row", { name: new RegExp(code) })).toContainText("第1版");

  // Edited again: a third option and a new title make a draft beside the live version.
  await page.goto(`${formPath}/edit`);
  const again = page.getByRole("region", { name: "ページ2の質問1", exact: true });
  await again.getByRole("button", { name: "選択肢を追加" }).click();
  await again.getByLabel("選択肢3（日本語）").fill("電子交付");
  await page.getByLabel("様式名（日本語）").fill("E2E 受け取り方法の申込み（改訂）");
  await saveDraft(page);

  await page.goto(formPath);
  await expect(page.getByRole("main")).toContainText("公開中（下書きあり）");
  await page.getByRole("link", { name: "公開中の第1版と下書きの差分を見る" }).click();
  const diff = page.getByRole("table");
  await expect(diff.getByRole("row", { name: /追加.*ページ「page2」の質問「question2」.*選択肢「電子交付」（option3）/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "版の差分");
  await expect(diff.getByRole("row", { name: /変更.*様式の設定.*様式名.*E2E 受け取り方法の申込み.*（改訂）/ })).toBeVisible();

  // Revert, confirmed: the draft is 第1版 again, so the diff is empty.
  await page.getByRole("button", { name: "第1版に戻す" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "下書きに戻す" }).click();
  await page.waitForURL((url) => url.pathname === formPath);
  await page.getByRole("link", { name: "公開中の第1版と下書きの差分を見る" }).click();
  await expect(page.getByRole("main")).toContainText("違いはありません。");
  await context.close();
});
