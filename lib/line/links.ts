import { getConfig } from "@/lib/config/env";

/**
 * The URL that opens a LIFF page: liff.line.me in production (LINE opens it in the in-app browser),
 * the app's own /liff path when simulators are on (liff-mock works in any browser).
 */
export function liffUrl(path = ""): string {
  const config = getConfig();
  const suffix = path && !path.startsWith("/") ? `/${path}` : path;
  if (config.USE_SIMULATORS) return `${config.APP_URL.replace(/\/$/, "")}/liff${suffix}`;
  return `https://liff.line.me/${config.LIFF_ID}${suffix}`;
}
