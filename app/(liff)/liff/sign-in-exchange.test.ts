import { describe, expect, it, vi } from "vitest";
import { RESIDENT_MESSAGES } from "@/lib/i18n/messages";
import { exchangeIdToken, recoveryForRefusal, RELOGIN_FLAG } from "./sign-in-exchange";

function memoryStorage() {
  const values = new Map<string, string>();
  return { getItem: (key: string) => values.get(key) ?? null, setItem: (key: string, value: string) => void values.set(key, value), removeItem: (key: string) => void values.delete(key), values };
}

const refusal = (status: number, code: string, error = "refused") => new Response(JSON.stringify({ error, code }), { status, headers: { "content-type": "application/json" } });

function deps(responses: Response[], options: { mock: boolean; withFreshToken?: boolean }) {
  const storage = memoryStorage();
  const fetch = vi.fn(async () => responses.shift()!);
  const relogin = vi.fn();
  const freshToken = vi.fn(async () => {});
  return { storage, fetch, relogin, freshToken, run: (token = "header.payload.signature") =>
    exchangeIdToken(token, { fetch: fetch as unknown as typeof globalThis.fetch, storage, mock: options.mock, relogin, freshToken: options.withFreshToken === false ? null : freshToken, genericError: "generic" }) };
}

describe("recoveryForRefusal", () => {
  it.each([
    [{ status: 401, code: "sign_in_replayed", mock: false, retried: false }, "relogin"],
    [{ status: 401, code: "sign_in_replayed", mock: true, retried: false }, "fresh-token"],
    [{ status: 401, code: "sign_in_rejected", mock: false, retried: false }, "relogin"],
    [{ status: 401, code: "sign_in_rejected", mock: true, retried: false }, "show"],
    [{ status: 401, code: "sign_in_replayed", mock: false, retried: true }, "show"],
    [{ status: 429, code: "rate_limited", mock: false, retried: false }, "show"],
    [{ status: 503, code: "sign_in_unavailable", mock: true, retried: false }, "show"],
  ] as const)("%j → %s", (input, expected) => {
    expect(recoveryForRefusal(input)).toBe(expected);
  });
});

describe("exchangeIdToken", () => {
  it("real LINE: a replayed token signs out of LIFF and in again, once; a second replay shows the refusal", async () => {
    const first = deps([refusal(401, "sign_in_replayed"), refusal(401, "sign_in_replayed", RESIDENT_MESSAGES.ja.errors.sign_in_replayed)], { mock: false });
    expect(await first.run()).toEqual({ kind: "recovering", via: "relogin" });
    expect(first.relogin).toHaveBeenCalledOnce();
    expect(first.storage.values.get(RELOGIN_FLAG)).toBe("1");
    expect(await first.run()).toEqual({ kind: "error", refusal: { text: RESIDENT_MESSAGES.ja.errors.sign_in_replayed } });
    expect(first.relogin).toHaveBeenCalledOnce();
  });

  it("simulator: a replayed token is answered with a fresh token for the same resident, not an error", async () => {
    const sim = deps([refusal(401, "sign_in_replayed")], { mock: true });
    expect(await sim.run()).toEqual({ kind: "recovering", via: "fresh-token" });
    expect(sim.freshToken).toHaveBeenCalledOnce();
    expect(sim.relogin).not.toHaveBeenCalled();
  });

  it("simulator: a forged token is shown as refused, with the server's words", async () => {
    const sim = deps([refusal(401, "sign_in_rejected", "LINE の本人情報を確認できませんでした。")], { mock: true });
    expect(await sim.run()).toEqual({ kind: "error", refusal: { text: "LINE の本人情報を確認できませんでした。" } });
    expect(sim.freshToken).not.toHaveBeenCalled();
  });

  it("a success clears the retry mark so a later expiry can recover again", async () => {
    const ok = deps([new Response("{}", { status: 200 })], { mock: false });
    ok.storage.setItem(RELOGIN_FLAG, "1");
    expect(await ok.run()).toEqual({ kind: "signed-in" });
    expect(ok.storage.values.has(RELOGIN_FLAG)).toBe(false);
    expect(ok.fetch).toHaveBeenCalledWith("/api/liff/session", expect.objectContaining({ method: "POST", body: JSON.stringify({ idToken: "header.payload.signature" }) }));
  });
});
