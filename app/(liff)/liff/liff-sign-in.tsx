"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { ResidentMessages } from "@/lib/i18n/messages";
import { Furigana } from "@/components/liff/furigana";
import { exchangeIdToken } from "./sign-in-exchange";

type DemoChoice = { key: string; displayName: string; label: string };
type Messages = ResidentMessages["signIn"];
type Props = { liffId: string; mock: boolean; demoResidents: DemoChoice[]; messages: Messages; timeoutMs?: number; easy?: boolean };
type Phase = { kind: "starting" } | { kind: "pick" } | { kind: "signing-in" } | { kind: "error"; message: string; lang?: "ja" };

/** How long LINE (or the simulator) may take to identify the resident before the page says so and offers a retry. */
export const SIGN_IN_TIMEOUT_MS = 15_000;

/**
 * Identifies the resident through LIFF: the page obtains LINE's raw ID token and sends only that to the server,
 * which verifies it with LINE. With simulators on, liff-mock stands in for LINE and a picker chooses the demo
 * resident; the token still comes from the (simulated) LINE platform and is verified the same way.
 */
export function LiffSignIn({ liffId, mock, demoResidents, messages, timeoutMs = SIGN_IN_TIMEOUT_MS, easy = false }: Props) {
  // やさしい日本語: readings over the kanji that remain; names of the demo residents stay as they are.
  const show = (text: string) => (easy ? <Furigana text={text} /> : text);
  const genericError = messages.genericError;
  const [phase, setPhase] = useState<Phase>({ kind: "starting" });
  const [hydrated, setHydrated] = useState(false);
  const liffRef = useRef<typeof import("@line/liff").default | null>(null);

  useEffect(() => setHydrated(true), []);
  // LIFF can hang (no network to LINE, a blocked script): waiting is never silent for longer than timeoutMs.
  const waiting = phase.kind === "starting" || phase.kind === "signing-in";
  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(() => setPhase({ kind: "error", message: messages.timedOut }), timeoutMs);
    return () => clearTimeout(timer);
  }, [waiting, timeoutMs, messages.timedOut]);

  const exchange = useCallback(
    async (idToken: string | null, freshToken: (() => Promise<void>) | null = null) => {
      if (!idToken) throw new Error("no ID token");
      setPhase({ kind: "signing-in" });
      const outcome = await exchangeIdToken(idToken, {
        fetch: (...args) => fetch(...args),
        storage: sessionStorage,
        mock,
        freshToken,
        genericError,
        relogin: async () => {
          // LIFF keeps a used or expired ID token until logout; inside LINE login() does nothing, so reopen the LIFF URL.
          const liff = liffRef.current;
          if (!liff) throw new Error("LIFF not ready");
          liff.logout();
          if (liff.isInClient()) window.location.replace(await liff.permanentLink.createUrlBy(window.location.href));
          else liff.login({ redirectUri: window.location.href });
        },
      });
      if (outcome.kind === "signed-in") window.location.reload();
      else if (outcome.kind === "error") setPhase({ kind: "error", message: outcome.refusal.text, lang: outcome.refusal.lang });
    },
    [mock, genericError],
  );

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const { default: liff } = await import("@line/liff");
      if (mock) {
        const { LiffMockPlugin } = await import("@line/liff-mock");
        liff.use(new LiffMockPlugin());
        await (liff.init as (config: { liffId: string; mock: boolean }) => Promise<void>)({ liffId, mock: true });
        liffRef.current = liff;
        if (!cancelled) setPhase({ kind: "pick" });
        return;
      }
      await liff.init({ liffId });
      liffRef.current = liff;
      if (!liff.isLoggedIn()) {
        liff.login({ redirectUri: window.location.href });
        return;
      }
      // LIFF does not let the app choose the nonce, so the nonce cookie is not involved on real LINE.
      await exchange(liff.getIDToken());
    })().catch(() => {
      if (!cancelled) setPhase({ kind: "error", message: genericError });
    });
    return () => {
      cancelled = true;
    };
  }, [liffId, mock, exchange, genericError]);

  async function pick(key: string): Promise<void> {
    try {
      setPhase({ kind: "signing-in" });
      const { nonce } = (await (await fetch("/api/liff/nonce", { cache: "no-store" })).json()) as { nonce: string };
      const issued = await fetch("/api/dev/liff-token", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ key, nonce }) });
      if (!issued.ok) throw new Error("simulator");
      const { idToken, profile } = (await issued.json()) as { idToken: string; profile: { userId: string; displayName: string } };
      const liff = liffRef.current as unknown as { $mock: { set: (fn: (prev: object) => object) => void }; getIDToken: () => string | null };
      liff.$mock.set((prev) => ({ ...prev, isLoggedIn: true, getIDToken: idToken, getProfile: profile }));
      // A replayed token is answered with a fresh one from the simulator for the same resident (once).
      await exchange(liff.getIDToken(), () => pick(key));
    } catch {
      setPhase({ kind: "error", message: genericError });
    }
  }

  if (phase.kind === "pick") {
    return (
      <section aria-labelledby="dev-picker" className="flex flex-col gap-3 rounded-12 border-2 border-dashed border-solid-gray-420 p-4">
        <h2 id="dev-picker" className="text-std-20B-150">{show(messages.pickerTitle)}</h2>
        <p className="text-std-16N-170">{show(messages.pickerNote)}</p>
        <ul className="flex flex-col gap-3">
          {demoResidents.map((resident) => (
            <li key={resident.key}>
              <button
                type="button"
                onClick={() => pick(resident.key)}
                className="min-h-14 w-full rounded-8 border-2 border-blue-900 bg-white px-4 py-3 text-left text-std-18B-160 text-blue-900 hover:bg-blue-50"
              >
                <span lang="ja">{resident.displayName}</span>
                <span className="block text-std-16N-170 text-solid-gray-700">{show(resident.label)}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
    );
  }
  if (phase.kind === "error") {
    return (
      <div role="alert" className="flex flex-col gap-4 rounded-12 border-2 border-error-1 bg-red-50 p-4">
        <p lang={phase.lang}>{phase.lang ? phase.message : show(phase.message)}</p>
        <button type="button" onClick={() => window.location.reload()} className="min-h-14 rounded-8 bg-blue-900 px-6 text-std-18B-160 text-white">
          {show(messages.retry)}
        </button>
      </div>
    );
  }
  return (
    <>
      <p role="status" aria-live="polite" className="text-std-18N-160">
        {show(messages.checking)}
      </p>
      {/* Server-rendered and shown by CSS alone if the page's scripts never run; removed once they do. */}
      {!hydrated && (
        <div role="alert" className="liff-stalled flex flex-col gap-4 rounded-12 border-2 border-error-1 bg-red-50 p-4" style={{ visibility: "hidden", animation: `liff-stalled-reveal 0s linear ${timeoutMs}ms forwards` }}>
          <style>{"@keyframes liff-stalled-reveal { to { visibility: visible; } }"}</style>
          <p>{show(messages.timedOut)}</p>
          <a href="" className="flex min-h-14 items-center justify-center rounded-8 bg-blue-900 px-6 text-std-18B-160 text-white no-underline">
            {show(messages.retry)}
          </a>
        </div>
      )}
    </>
  );
}
