import { randomBytes } from "node:crypto";
import { defineConfig } from "playwright/test";
import { BASE_URL, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_ISSUER, SSO_DISPLAY_NAME } from "./env";

/**
 * The browser suite: a production build (`next build && next start`, see scripts/e2e-server.ts) on port 3100,
 * driven in Debian's Chromium (/usr/bin/chromium; Playwright's own browser download is never used).
 */
export default defineConfig({
  testDir: ".",
  outputDir: "../test-results/playwright",
  fullyParallel: false,
  // Two cores: one worker drives the browser while the server does the work.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json", { outputFile: "../test-results/playwright.json" }]],
  globalSetup: "./global-setup.ts",
  use: {
    baseURL: BASE_URL,
    headless: true,
    locale: "ja-JP",
    timezoneId: "Asia/Tokyo",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts$/ },
    { name: "chromium", testMatch: /\.spec\.ts$/, dependencies: ["setup"] },
  ],
  webServer: {
    command: "npx tsx --conditions=react-server scripts/e2e-server.ts",
    cwd: "..",
    url: `${BASE_URL}/api/health`,
    // next build on two cores, then the first start.
    timeout: 20 * 60_000,
    reuseExistingServer: false,
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    stdout: "pipe",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      E2E_PRODUCTION_BUILD: "true",
      APP_URL: BASE_URL,
      NEXTAUTH_URL: BASE_URL,
      AUTH_SECRET: randomBytes(30).toString("base64url"),
      USE_SIMULATORS: "true",
      NEXT_TELEMETRY_DISABLED: "1",
      SSO_ISSUER: OIDC_ISSUER,
      SSO_CLIENT_ID: OIDC_CLIENT_ID,
      SSO_CLIENT_SECRET: OIDC_CLIENT_SECRET,
      SSO_DISPLAY_NAME,
    },
  },
});
