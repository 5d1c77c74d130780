import { hkdfSync } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import { getConfig } from "@/lib/config/env";

/** Production uses the __Host- prefix: the browser then insists on Secure, Path=/ and no Domain. */
export function residentCookieName(): string {
  return getConfig().NODE_ENV === "production" && getConfig().APP_URL.startsWith("https://") ? "__Host-yakuba-resident" : "yakuba-resident";
}
export const LIFF_NONCE_COOKIE = "yakuba-liff-nonce";
const AUDIENCE = "yakuba:resident";

let cachedKey: { secret: string; key: Promise<CryptoKey> } | undefined;

/**
 * A key of its own for resident sessions, derived from AUTH_SECRET so staff and resident tokens never mix.
 * Derived and imported once: given raw bytes, jose would import the key again on every check.
 */
function sessionKey(): Promise<CryptoKey> {
  const secret = getConfig().AUTH_SECRET;
  if (cachedKey?.secret !== secret) {
    const raw = new Uint8Array(hkdfSync("sha256", secret, "yakuba", "resident-session-v1", 32));
    cachedKey = { secret, key: crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]) };
  }
  return cachedKey.key;
}

export async function createResidentSessionToken(residentId: string, now = Date.now()): Promise<{ token: string; maxAgeSeconds: number }> {
  const maxAgeSeconds = getConfig().RESIDENT_SESSION_MINUTES * 60;
  const iat = Math.floor(now / 1000);
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(residentId)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + maxAgeSeconds)
    .sign(await sessionKey());
  return { token, maxAgeSeconds };
}

/** The resident id of a valid, unexpired session token; null for anything else. */
export async function readResidentSessionToken(token: string | undefined | null): Promise<string | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, await sessionKey(), { algorithms: ["HS256"], audience: AUDIENCE });
    return typeof payload.sub === "string" ? payload.sub : null;
  } catch {
    return null;
  }
}

export function residentCookieOptions(maxAgeSeconds: number) {
  const config = getConfig();
  return {
    httpOnly: true,
    secure: config.APP_URL.startsWith("https://"),
    sameSite: "lax" as const,
    path: "/",
    maxAge: maxAgeSeconds,
  };
}
