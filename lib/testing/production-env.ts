/** A complete, valid production environment: tests remove or spoil one setting at a time. */
export const PRODUCTION_ENV: Record<string, string> = {
  NODE_ENV: "production",
  DATABASE_URL: "postgres://yakuba@db.internal:5432/yakuba",
  APP_URL: "https://yakuba.town.example.lg.jp",
  AUTH_SECRET: "a".repeat(20) + "b".repeat(20),
  LINE_API_BASE_URL: "https://api.line.me",
  LINE_DATA_API_BASE_URL: "https://api-data.line.me",
  LINE_CHANNEL_SECRET: "0123456789abcdef0123456789abcdef",
  LINE_CHANNEL_ACCESS_TOKEN: "real-long-lived-channel-access-token",
  LINE_LOGIN_CHANNEL_ID: "2001234567",
  LIFF_ID: "2001234567-AbCdEfGh",
  JPKI_ISSUER: "https://jpki.example.jp",
  JPKI_CLIENT_ID: "town-yakuba",
  JPKI_CLIENT_SECRET: "real-jpki-client-secret",
  TRUSTED_PROXY_HOPS: "1",
  PAYMENT_API_BASE_URL: "https://api.stripe.com",
  PAYMENT_SECRET_KEY: "rk_live_realRestrictedKey0000",
  PAYMENT_WEBHOOK_SECRET: "whsec_realWebhookSigningSecret",
  CLAMAV_HOST: "clamav",
};

/** Every variable a test may set, so a stub can clear what the developer's shell happens to export. */
export const CONFIG_KEYS = [...Object.keys(PRODUCTION_ENV), "USE_SIMULATORS", "E2E_PRODUCTION_BUILD", "PGLITE_DATA_DIR", "ATTACHMENT_DIR", "CLAMAV_PORT"];
