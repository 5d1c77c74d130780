import { refusalFromResponse, type ResidentRefusalText } from "@/lib/i18n/resident-errors";

/** Set while a fresh sign-in is under way, so a second refusal shows the error instead of looping. */
export const RELOGIN_FLAG = "yakuba-liff-relogin";

/** What the page does after the session endpoint refuses a token. */
export type RefusalRecovery = "relogin" | "fresh-token" | "show";

/**
 * A replayed token (LIFF's cached one, after the 30-minute session expired) or, on real LINE, an expired one is
 * fixed by a fresh token from LINE, once per page session; anything else (forged, rate-limited…) is shown.
 */
export function recoveryForRefusal({ status, code, mock, retried }: { status: number; code: string | null; mock: boolean; retried: boolean }): RefusalRecovery {
  if (status !== 401 || retried) return "show";
  if (code === "sign_in_replayed") return mock ? "fresh-token" : "relogin";
  return mock ? "show" : "relogin";
}

export type ExchangeOutcome = { kind: "signed-in" } | { kind: "recovering"; via: "relogin" | "fresh-token" } | { kind: "error"; refusal: ResidentRefusalText };

export interface ExchangeDeps {
  fetch: typeof fetch;
  storage: Pick<Storage, "getItem" | "setItem" | "removeItem">;
  mock: boolean;
  /** Real LINE: sign out of LIFF (dropping its cached token) and in again. */
  relogin: () => void | Promise<void>;
  /** Simulator: ask it for a fresh token for the same resident and exchange that. */
  freshToken: (() => Promise<void>) | null;
  genericError: string;
}

/** Sends the raw ID token to the session endpoint and, on a refusal, recovers as recoveryForRefusal says. */
export async function exchangeIdToken(idToken: string, deps: ExchangeDeps): Promise<ExchangeOutcome> {
  const response = await deps.fetch("/api/liff/session", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ idToken }) });
  if (response.ok) {
    deps.storage.removeItem(RELOGIN_FLAG);
    return { kind: "signed-in" };
  }
  const body = (await response.clone().json().catch(() => null)) as { code?: unknown } | null;
  const code = typeof body?.code === "string" ? body.code : null;
  const recovery = recoveryForRefusal({ status: response.status, code, mock: deps.mock, retried: deps.storage.getItem(RELOGIN_FLAG) !== null });
  if (recovery === "relogin" || (recovery === "fresh-token" && deps.freshToken)) {
    deps.storage.setItem(RELOGIN_FLAG, "1");
    if (recovery === "relogin") await deps.relogin();
    else await deps.freshToken!();
    return { kind: "recovering", via: recovery };
  }
  return { kind: "error", refusal: await refusalFromResponse(response, deps.genericError) };
}
