import { expect, test } from "playwright/test";
import { chooseResidentLanguage, signedInPhone } from "./helpers";

// "My applications": reached from the LIFF menu, in the resident's language (furigana for やさしい日本語).
test("my applications opens from the menu and follows the resident's language", async ({ browser }) => {
  test.setTimeout(120_000);
  // Her own demo resident: the language switches below must not reach another case's LINE messages.
  const phone = await signedInPhone(browser, /青木 結衣/);
  await phone.getByRole("navigation", { name: "メニュー" }).getByRole("link", { name: /申請の状況/ }).click();
  await expect(phone).toHaveURL(/\/liff\/applications$/);
  await expect(phone.getByRole("heading", { level: 1, name: "申請の状況" })).toBeVisible();
  await expect(phone.getByText("まだ申請はありません。").or(phone.getByTestId("application").first())).toBeVisible();

  await chooseResidentLanguage(phone, "ja-easy");
  await phone.reload();
  await expect(phone.locator("h1 ruby rt")).toHaveText("しんせい");
  await chooseResidentLanguage(phone, "en");
  await phone.reload();
  await expect(phone.getByRole("heading", { level: 1, name: "My applications" })).toBeVisible();
  await expect(phone).toHaveTitle(/My applications/);
  await chooseResidentLanguage(phone, "ja");
});
