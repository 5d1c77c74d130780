import type { AppConfig } from "@/lib/config/env";
import { startJpkiSimulator, type JpkiSimulator } from "@/lib/jpki/simulator";
import { startPaymentSimulator, type PaymentSimulator } from "@/lib/payments/simulator";
import { DEMO_RESIDENTS } from "@/lib/residents/demo";
import { startLineSimulator, type LineSimulator } from "@/lib/line/simulator";

function loopbackPort(url: string, what: string): number {
  const parsed = new URL(url);
  if (!["127.0.0.1", "localhost"].includes(parsed.hostname) || !parsed.port) {
    throw new Error(`${what} (${url}) is not a local simulator address; unset it to use the simulator`);
  }
  return Number(parsed.port);
}

/**
 * Starts the LINE platform and JPKI issuer simulators on the ports named by LINE_API_BASE_URL and JPKI_ISSUER,
 * wired to this app: webhooks go to APP_URL/api/line/webhook, the JPKI client is the configured one.
 */
export async function startDevSimulators(config: AppConfig): Promise<{ line: LineSimulator; jpki: JpkiSimulator; payments: PaymentSimulator; close: () => Promise<void> }> {
  if (!config.USE_SIMULATORS) throw new Error("USE_SIMULATORS is off");
  const appUrl = config.APP_URL.replace(/\/$/, "");
  const line = await startLineSimulator({
    port: loopbackPort(config.LINE_API_BASE_URL, "LINE_API_BASE_URL"),
    channelAccessToken: config.LINE_CHANNEL_ACCESS_TOKEN,
    channelSecret: config.LINE_CHANNEL_SECRET,
    loginChannelId: config.LINE_LOGIN_CHANNEL_ID,
    issuer: config.LINE_ID_TOKEN_ISSUER,
    webhookUrl: `${appUrl}/api/line/webhook`,
    users: DEMO_RESIDENTS.map((r) => ({ userId: r.lineUserId, displayName: r.displayName })),
  });
  const jpki = await startJpkiSimulator({
    port: loopbackPort(config.JPKI_ISSUER, "JPKI_ISSUER"),
    clients: [{ clientId: config.JPKI_CLIENT_ID, clientSecret: config.JPKI_CLIENT_SECRET, redirectUris: [`${appUrl}/api/jpki/callback`] }],
  });
  const payments = await startPaymentSimulator({
    port: loopbackPort(config.PAYMENT_API_BASE_URL, "PAYMENT_API_BASE_URL"),
    secretKey: config.PAYMENT_SECRET_KEY,
    webhookSecret: config.PAYMENT_WEBHOOK_SECRET,
    webhookUrl: `${appUrl}/api/payments/webhook`,
  });
  return { line, jpki, payments, close: async () => void (await Promise.all([line.close(), jpki.close(), payments.close()])) };
}
