import { getConfig } from "@/lib/config/env";

/** Simulator-backed helpers (LIFF dev picker): only while simulators are on, which production refuses. */
export function simulatorToolsEnabled(): boolean {
  return getConfig().USE_SIMULATORS;
}

/** The /dev/line inbox: development, and the loopback-only e2e build; never a deployable production server. */
export function devInboxEnabled(): boolean {
  const config = getConfig();
  return config.USE_SIMULATORS && (config.NODE_ENV === "development" || config.E2E_PRODUCTION_BUILD);
}

/** Calls a simulator control endpoint (`/__sim/*`) of the LINE simulator configured as LINE_API_BASE_URL. */
export async function lineSimulatorControl<T>(path: string, body?: unknown): Promise<T> {
  const base = getConfig().LINE_API_BASE_URL.replace(/\/$/, "");
  const response = await fetch(`${base}/__sim/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: "no-store",
    signal: AbortSignal.timeout(5000),
  });
  if (!response.ok) throw new Error(`LINE simulator ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
