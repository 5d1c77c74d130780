import { z } from "zod";
import { type ColumnMapping, DEFAULT_MAPPING, parseColumnMapping } from "../grants/export/mapping";

/** Dev-only defaults. Production refuses any of these values (see validateProductionSafety). */
export const DEV_DEFAULTS = {
  AUTH_SECRET: "dev-only-secret-do-not-use-in-production-000000",
} as const;

/**
 * LINE and JPKI settings that point at the local simulators (scripts/simulators.ts) outside production.
 * Production refuses every one of these values, and any loopback base URL.
 */
export const SIMULATOR_DEFAULTS = {
  LINE_API_BASE_URL: "http://127.0.0.1:4010",
  LINE_DATA_API_BASE_URL: "http://127.0.0.1:4010",
  LINE_CHANNEL_SECRET: "dev-simulator-channel-secret-0000",
  LINE_CHANNEL_ACCESS_TOKEN: "dev-simulator-channel-access-token",
  LINE_LOGIN_CHANNEL_ID: "1650000000",
  LIFF_ID: "1650000000-devliff0",
  JPKI_ISSUER: "http://127.0.0.1:4020",
  JPKI_CLIENT_ID: "yakuba-dev",
  JPKI_CLIENT_SECRET: "dev-simulator-jpki-client-secret",
  // Payments (Stripe Checkout or its simulator, lib/payments/simulator.ts); production sets https://api.stripe.com.
  PAYMENT_API_BASE_URL: "http://127.0.0.1:4030",
  PAYMENT_SECRET_KEY: "sk_test_yakuba_payment_simulator_0000",
  PAYMENT_WEBHOOK_SECRET: "whsec_yakuba_payment_simulator_0000",
} as const;
type SimulatorSetting = keyof typeof SIMULATOR_DEFAULTS;
const SIMULATOR_SETTINGS = Object.keys(SIMULATOR_DEFAULTS) as SimulatorSetting[];

const booleanFlag = z
  .enum(["true", "false", "1", "0", "on", "off"], {
    error: "true または false を指定してください",
  })
  .transform((value) => value === "true" || value === "1" || value === "on");

const optionalUrl = z.url({ error: "URL の形式が正しくありません" }).optional();

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, { error: "postgres:// で始まる接続文字列を指定してください" })
      .optional(),
    PGLITE_DATA_DIR: z.string().min(1).default(".data/pglite"),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    DB_COUNT_ROUNDTRIPS: booleanFlag.default(false),
    APP_URL: z.url({ error: "URL の形式が正しくありません" }).default("http://localhost:3000"),
    AUTH_SECRET: z.string().min(32, { error: "32文字以上の乱数を指定してください" }).optional(),
    AUTH_SESSION_HOURS: z.coerce.number().int().min(1).max(24).default(8),
    LOGIN_MAX_FAILURES: z.coerce.number().int().min(3).max(20).default(5),
    LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
    SSO_ISSUER: optionalUrl,
    SSO_CLIENT_ID: z.string().min(1).optional(),
    SSO_CLIENT_SECRET: z.string().min(1).optional(),
    SSO_DISPLAY_NAME: z.string().min(1).default("庁内シングルサインオン"),
    USE_SIMULATORS: booleanFlag.optional(),
    E2E_PRODUCTION_BUILD: booleanFlag.optional(),
    // The municipality: addresses on the roster and from JPKI are compared with and without these prefixes.
    TOWN_PREFECTURE: z.string().min(2).default("北海道"),
    TOWN_COUNTY: z.string().default("上川郡"),
    TOWN_NAME: z.string().min(2).default("当麻町"),
    // The regional e-money the points are paid into, and the vendor's file layout (JSON, see README).
    EMONEY_NAME: z.string().trim().min(1, { error: "電子マネーの名前を指定してください" }).max(40).default("でんすけペイ"),
    GRANT_EXPORT_MAPPING: z
      .string()
      .optional()
      .transform((text, ctx): ColumnMapping => {
        if (text === undefined) return DEFAULT_MAPPING;
        try {
          return parseColumnMapping(JSON.parse(text));
        } catch (error) {
          const reason = error instanceof SyntaxError ? "JSON として読めません" : (error as Error).message;
          ctx.addIssue({ code: "custom", message: reason });
          return z.NEVER;
        }
      }),
    // The town's LINE official account (e.g. https://lin.ee/…), printed as a QR code on guide letters.
    LINE_ACCOUNT_URL: z
      .url({ error: "URL の形式が正しくありません" })
      .refine((url) => url.startsWith("https://"), { error: "https:// の URL を指定してください" })
      .optional(),
    // LINE (Messaging API channel + LINE Login channel that owns the LIFF app)
    LINE_API_BASE_URL: optionalUrl,
    LINE_DATA_API_BASE_URL: optionalUrl,
    LINE_CHANNEL_SECRET: z.string().min(16, { error: "16文字以上のチャネルシークレットを指定してください" }).optional(),
    LINE_CHANNEL_ACCESS_TOKEN: z.string().min(16, { error: "チャネルアクセストークンを指定してください" }).optional(),
    LINE_LOGIN_CHANNEL_ID: z.string().regex(/^\d{6,}$/, { error: "LINE ログインのチャネルID（数字）を指定してください" }).optional(),
    LIFF_ID: z.string().regex(/^\d{6,}-[A-Za-z0-9]+$/, { error: "LIFF ID の形式が正しくありません（例: 1234567890-AbCdEfGh）" }).optional(),
    LINE_ID_TOKEN_VERIFICATION: z.enum(["endpoint", "jwks"], { error: "endpoint または jwks を指定してください" }).default("endpoint"),
    LINE_ID_TOKEN_ISSUER: z.url({ error: "URL の形式が正しくありません" }).default("https://access.line.me"),
    LINE_PUSH_REQUESTS_PER_SECOND: z.coerce.number().int().min(1).max(2000, { error: "LINE の上限 2,000 以下にしてください" }).default(1000),
    LINE_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
    LINE_OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(15),
    LINE_OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    RUN_WORKER_IN_PROCESS: booleanFlag.optional(),
    // Residents
    RESIDENT_SESSION_MINUTES: z.coerce.number().int().min(5).max(240).default(30),
    RESIDENT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(60),
    // Reverse proxies in front of the app that append to X-Forwarded-For; the rate limit keys on the address they saw.
    TRUSTED_PROXY_HOPS: z.coerce
      .number({ error: "0 以上の整数を指定してください" })
      .int({ error: "0 以上の整数を指定してください" })
      .min(0, { error: "0 以上の整数を指定してください" })
      .max(10, { error: "10 以下にしてください" })
      .optional(),
    // JPKI identity (OpenID Connect relying party)
    JPKI_ISSUER: optionalUrl,
    JPKI_CLIENT_ID: z.string().min(1).optional(),
    JPKI_CLIENT_SECRET: z.string().min(8, { error: "8文字以上のクライアントシークレットを指定してください" }).optional(),
    JPKI_SCOPES: z.string().regex(/(^|\s)openid(\s|$)/, { error: "openid を含めてください" }).default("openid name address birthdate gender"),
    JPKI_VERIFICATION_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24),
    // Payments (Stripe Checkout through the official SDK; the simulator speaks the same API subset)
    PAYMENT_API_BASE_URL: optionalUrl,
    PAYMENT_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_[A-Za-z0-9_]{8,}$/, { error: "sk_live_… または sk_test_… の秘密鍵を指定してください" }).optional(),
    PAYMENT_WEBHOOK_SECRET: z.string().regex(/^whsec_[A-Za-z0-9_]{8,}$/, { error: "whsec_… の署名シークレットを指定してください" }).optional(),
    PAYMENT_METHOD_TYPES: z
      .string()
      .default("card")
      .transform((text) => text.split(",").map((t) => t.trim()).filter(Boolean))
      .pipe(z.array(z.enum(["card", "konbini", "paypay"], { error: "card, konbini, paypay のいずれかをカンマ区切りで指定してください" })).min(1)),
    PAYMENT_SESSION_MINUTES: z.coerce.number().int().min(30, { error: "30分以上にしてください（決済事業者の下限）" }).max(1440).default(60),
    PAYMENT_WEBHOOK_TOLERANCE_SECONDS: z.coerce.number().int().min(30).max(900).default(300),
    // Form attachments: bytes under this directory (lib/forms/attachment-store.ts), scanned by a ClamAV daemon.
    ATTACHMENT_DIR: z.string().min(1).default(".data/attachments"),
    CLAMAV_HOST: z.string().regex(/^[A-Za-z0-9.-]{1,253}$|^\[[0-9a-fA-F:]+\]$/, { error: "ホスト名または IP アドレスを指定してください" }).optional(),
    CLAMAV_PORT: z.coerce.number().int().min(1).max(65_535).default(3310),
    CLAMAV_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(15_000),
  })
  .superRefine((env, ctx) => {
    const sso = [env.SSO_ISSUER, env.SSO_CLIENT_ID, env.SSO_CLIENT_SECRET];
    const given = sso.filter((value) => value !== undefined).length;
    if (given > 0 && given < sso.length) {
      for (const key of ["SSO_ISSUER", "SSO_CLIENT_ID", "SSO_CLIENT_SECRET"] as const) {
        if (env[key] === undefined) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: "SSO を使う場合は SSO_ISSUER・SSO_CLIENT_ID・SSO_CLIENT_SECRET をすべて指定してください",
          });
        }
      }
    }
  });

export type AppConfig = Omit<
  z.infer<typeof envSchema>,
  "AUTH_SECRET" | "USE_SIMULATORS" | "E2E_PRODUCTION_BUILD" | "RUN_WORKER_IN_PROCESS" | "TRUSTED_PROXY_HOPS" | SimulatorSetting
> & {
  AUTH_SECRET: string;
  /** How many proxies append to X-Forwarded-For (0: reached directly, development only). */
  TRUSTED_PROXY_HOPS: number;
  /** Whether TRUSTED_PROXY_HOPS was set; production refuses to guess it. */
  trustedProxyHopsSet: boolean;
  USE_SIMULATORS: boolean;
  E2E_PRODUCTION_BUILD: boolean;
  /** Runs the LINE outbox/webhook worker inside the Next.js server process (development and e2e). */
  RUN_WORKER_IN_PROCESS: boolean;
} & Record<SimulatorSetting, string> & {
  sso: { issuer: string; clientId: string; clientSecret: string; displayName: string } | null;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`設定に誤りがあります:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

type EnvSource = Record<string, string | undefined>;

/** Empty strings mean "unset": .env files often carry `KEY=` lines. */
function withoutEmpty(source: EnvSource): EnvSource {
  return Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
}

/** APP_URL when unset: this server's own port on localhost (`npm run dev -- -p 3400`); production must set it. */
export function defaultAppUrl(source: EnvSource): string {
  const port = Number(/^\d{1,5}$/u.test(source.PORT ?? "") ? source.PORT : NaN);
  return `http://localhost:${port >= 1 && port <= 65_535 ? port : 3000}`;
}

export function parseConfig(source: EnvSource = process.env): AppConfig {
  const given = withoutEmpty(source);
  const parsed = envSchema.safeParse({ APP_URL: defaultAppUrl(given), ...given });
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join(".") || "(env)"}: ${issue.message}`));
  }
  const env = parsed.data;
  const isProduction = env.NODE_ENV === "production";
  const e2eBuild = env.E2E_PRODUCTION_BUILD ?? false;
  // Simulator credentials are filled in only where simulators may run; production must name real ones.
  const simulatorDefaults = !isProduction || e2eBuild;
  const simulatorSettings = Object.fromEntries(
    SIMULATOR_SETTINGS.map((key) => [key, env[key] ?? (simulatorDefaults ? SIMULATOR_DEFAULTS[key] : "")]),
  ) as Record<SimulatorSetting, string>;
  const config: AppConfig = {
    ...env,
    ...simulatorSettings,
    AUTH_SECRET: env.AUTH_SECRET ?? (isProduction ? "" : DEV_DEFAULTS.AUTH_SECRET),
    USE_SIMULATORS: env.USE_SIMULATORS ?? !isProduction,
    E2E_PRODUCTION_BUILD: e2eBuild,
    TRUSTED_PROXY_HOPS: env.TRUSTED_PROXY_HOPS ?? 0,
    trustedProxyHopsSet: env.TRUSTED_PROXY_HOPS !== undefined,
    RUN_WORKER_IN_PROCESS: env.RUN_WORKER_IN_PROCESS ?? (env.NODE_ENV === "development" || (isProduction && e2eBuild)),
    sso:
      env.SSO_ISSUER && env.SSO_CLIENT_ID && env.SSO_CLIENT_SECRET
        ? {
            issuer: env.SSO_ISSUER,
            clientId: env.SSO_CLIENT_ID,
            clientSecret: env.SSO_CLIENT_SECRET,
            displayName: env.SSO_DISPLAY_NAME,
          }
        : null,
  };
  if (isProduction) validateProductionSafety(config);
  return config;
}

function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]";
}

/**
 * Production must never run with simulators, mocks, dev secrets or the embedded database.
 * The single exception is the e2e suite's production build, which is only honoured on a loopback APP_URL
 * so that a real deployment (always a public URL) can never use it.
 */
export function validateProductionSafety(config: AppConfig): void {
  const problems: string[] = [];
  const e2eOnLoopback = config.E2E_PRODUCTION_BUILD && isLoopbackUrl(config.APP_URL);
  if (config.E2E_PRODUCTION_BUILD && !e2eOnLoopback) {
    problems.push("E2E_PRODUCTION_BUILD: e2e 用の設定は APP_URL が localhost のときだけ使えます");
  }
  if (!config.AUTH_SECRET) problems.push("AUTH_SECRET: 本番環境では必須です");
  if (config.AUTH_SECRET === DEV_DEFAULTS.AUTH_SECRET) {
    problems.push("AUTH_SECRET: 開発用の既定値は本番環境では使えません");
  }
  if (!e2eOnLoopback) {
    if (config.USE_SIMULATORS) problems.push("USE_SIMULATORS: 本番環境ではシミュレーターを有効にできません");
    if (!config.DATABASE_URL) problems.push("DATABASE_URL: 本番環境では PostgreSQL の接続先が必須です");
    // Without clamd only the simulator scanner could check attachments, and it knows nothing but the EICAR test file.
    if (!config.CLAMAV_HOST) problems.push("CLAMAV_HOST: 本番環境では添付ファイルのウイルス検査（ClamAV の clamd）の接続先が必須です");
    if (!config.APP_URL.startsWith("https://")) problems.push("APP_URL: 本番環境では https:// の URL が必須です");
    if (!config.trustedProxyHopsSet) {
      problems.push("TRUSTED_PROXY_HOPS: 本番環境では必須です（X-Forwarded-For に追記するロードバランサー・プロキシの段数）");
    } else if (config.TRUSTED_PROXY_HOPS === 0) {
      // next start gives route handlers no socket address, so without a proxy every client could choose its key.
      problems.push("TRUSTED_PROXY_HOPS: 本番環境ではロードバランサーの背後で動かし、1 以上を指定してください（0 ではクライアントが送る X-Forwarded-For で回数制限を逃れられます）");
    }
    for (const key of SIMULATOR_SETTINGS) {
      const value = config[key];
      if (!value) problems.push(`${key}: 本番環境では必須です`);
      else if (value === SIMULATOR_DEFAULTS[key]) problems.push(`${key}: シミュレーター用の既定値は本番環境では使えません`);
      else if (key === "PAYMENT_SECRET_KEY" && value.startsWith("sk_test_")) problems.push(`${key}: 本番環境ではテスト用の鍵（sk_test_）は使えません`);
      else if (key.endsWith("_URL") || key === "JPKI_ISSUER") {
        if (isLoopbackUrl(value)) problems.push(`${key}: 本番環境ではシミュレーター（localhost）を指定できません`);
        else if (!value.startsWith("https://")) problems.push(`${key}: 本番環境では https:// の URL が必須です`);
      }
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
}

let cached: AppConfig | undefined;

/** The validated configuration of this process; throws ConfigError naming every bad setting. */
export function getConfig(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

/** For tests that change process.env between cases. */
export function resetConfigCache(): void {
  cached = undefined;
}
