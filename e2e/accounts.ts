import path from "node:path";
import type { Role } from "@/db/schema/staff";

/** The demo password (lib/seed/demo.ts, README); the e2e server seeds a fresh database with it. */
export const DEMO_PASSWORD = "yakuba-demo-2026";

export type DemoAccount = { loginId: string; displayName: string; role: Role };

/** The demo accounts of lib/seed/demo.ts (that module is server-only, so the list is repeated here). */
export const DEMO_ACCOUNTS = {
  system_admin: { loginId: "admin@yakuba.example", displayName: "情報 太郎", role: "system_admin" },
  dept_admin: { loginId: "machi-admin@yakuba.example", displayName: "推進 花子", role: "dept_admin" },
  reviewer: { loginId: "reviewer@yakuba.example", displayName: "審査 一郎", role: "reviewer" },
  counter: { loginId: "counter@yakuba.example", displayName: "窓口 さくら", role: "counter" },
  viewer: { loginId: "viewer@yakuba.example", displayName: "閲覧 次郎", role: "viewer" },
  kosodate_reviewer: { loginId: "kosodate-reviewer@yakuba.example", displayName: "子育 三郎", role: "reviewer" },
} as const satisfies Record<string, DemoAccount>;

export type DemoAccountKey = keyof typeof DEMO_ACCOUNTS;

/**
 * Accounts only the browser suite uses (scripts/e2e-seed.ts), so that locking one out or changing its password
 * never disturbs the other specs.
 */
export const E2E_ACCOUNTS = {
  lockout: { loginId: "e2e-lockout@yakuba.example", displayName: "施錠 試験", password: DEMO_PASSWORD, mustChangePassword: false },
  passwordChange: {
    loginId: "e2e-password@yakuba.example",
    displayName: "変更 試験",
    password: "e2e-temporary-password-1",
    mustChangePassword: true,
  },
} as const;

/** IdP accounts of the local OIDC provider: one maps to a demo staff login id, one to nobody. */
export const SSO_ACCOUNTS = {
  known: { login: "taro.joho", email: DEMO_ACCOUNTS.system_admin.loginId, name: "情報 太郎" },
  unknown: { login: "stranger", email: "stranger@other-town.example", name: "外部 利用者" },
} as const;

export function storageStateFor(key: DemoAccountKey): string {
  return path.join(import.meta.dirname, ".auth", `${key}.json`);
}
