import { getConfig } from "@/lib/config/env";
import { createLineMessenger } from "./client";
import { startLineSimulator, type LineSimulator, type SimUser } from "./simulator";

/** A LINE simulator on a free port with this process's (simulator-default) credentials. */
export async function startTestSimulator(options: { users?: SimUser[]; webhookUrl?: string; messageRateLimitPerSecond?: number } = {}): Promise<LineSimulator> {
  const config = getConfig();
  return startLineSimulator({
    port: 0,
    channelAccessToken: config.LINE_CHANNEL_ACCESS_TOKEN,
    channelSecret: config.LINE_CHANNEL_SECRET,
    loginChannelId: config.LINE_LOGIN_CHANNEL_ID,
    issuer: config.LINE_ID_TOKEN_ISSUER,
    ...options,
  });
}

export function messengerFor(simulator: LineSimulator, timeoutMs = 5000) {
  return createLineMessenger({ baseUrl: simulator.url, channelAccessToken: getConfig().LINE_CHANNEL_ACCESS_TOKEN, timeoutMs });
}

export function lineUserId(n: number): string {
  return `U${n.toString(16).padStart(32, "0")}`;
}
