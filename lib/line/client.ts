import { HTTPFetchError, messagingApi } from "@line/bot-sdk";

/** What one delivery attempt ended as; the worker turns it into the row's next state. */
export type SendResult =
  | { ok: true; requestId: string | null; alreadyAccepted: boolean }
  | { ok: false; transient: boolean; status: number | null; retryAfterMs: number | null; error: string };

export type LineMessage = messagingApi.Message;

export interface LineMessenger {
  push(to: string, messages: LineMessage[], retryKey: string): Promise<SendResult>;
  multicast(to: string[], messages: LineMessage[], retryKey: string): Promise<SendResult>;
}

export class LineTimeoutError extends Error {
  constructor(ms: number) {
    super(`LINE API did not answer within ${ms} ms`);
    this.name = "LineTimeoutError";
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LineTimeoutError(ms)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

/** Maps any outcome of a bot-sdk call to a SendResult: 409 on a retry key means LINE already has the message. */
export function classify(error: unknown): SendResult {
  if (error instanceof HTTPFetchError) {
    if (error.status === 409) {
      const accepted = error.headers.get("x-line-accepted-request-id");
      if (accepted) return { ok: true, requestId: accepted, alreadyAccepted: true };
    }
    const transient = error.status === 429 || error.status >= 500;
    return {
      ok: false,
      transient,
      status: error.status,
      retryAfterMs: error.status === 429 ? parseRetryAfter(error.headers.get("retry-after")) : null,
      error: `${error.status} ${error.body}`.slice(0, 500),
    };
  }
  // Time-outs and network errors: LINE may or may not have the message; the retry key settles it on resend.
  return { ok: false, transient: true, status: null, retryAfterMs: null, error: String((error as Error)?.message ?? error).slice(0, 500) };
}

/** The Messaging API through @line/bot-sdk, with its base URL from configuration (LINE or the simulator). */
export function createLineMessenger(options: { baseUrl: string; channelAccessToken: string; timeoutMs: number }): LineMessenger {
  const client = new messagingApi.MessagingApiClient({ baseURL: options.baseUrl, channelAccessToken: options.channelAccessToken });
  const run = async (call: () => Promise<{ httpResponse: Response }>): Promise<SendResult> => {
    try {
      const { httpResponse } = await withTimeout(call(), options.timeoutMs);
      return { ok: true, requestId: httpResponse.headers.get("x-line-request-id"), alreadyAccepted: false };
    } catch (error) {
      return classify(error);
    }
  };
  return {
    push: (to, messages, retryKey) => run(() => client.pushMessageWithHttpInfo({ to, messages }, retryKey)),
    multicast: (to, messages, retryKey) => run(() => client.multicastWithHttpInfo({ to, messages }, retryKey)),
  };
}
