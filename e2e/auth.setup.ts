import { test as setup } from "playwright/test";
import { DEMO_ACCOUNTS, storageStateFor, type DemoAccountKey } from "./accounts";
import { signIn } from "./helpers";

// Signs every demo account in once; specs reuse the session cookies instead of the sign-in form.
for (const key of Object.keys(DEMO_ACCOUNTS) as DemoAccountKey[]) {
  setup(`sign in as ${key}`, async ({ page }) => {
    await signIn(page, DEMO_ACCOUNTS[key].loginId);
    await page.context().storageState({ path: storageStateFor(key) });
  });
}
