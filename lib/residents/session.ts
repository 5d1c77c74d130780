import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { SignJWT } from "jose";
import { getConfig } from "@/lib/config/env";

/** Production uses the __Host- prefix: the browser then insists on Secure, Path=/ and no Domain. */
export function residentCookieName(): string {
  return getConfig().NODE_ENV === "production" && getConfig().APP_URL.startsWith("https://") ? "__Host-yakuba-resident" : "yakuba-resident";
}
export const LIFF_NONCE_COOKIE = "yakuba-liff-nonce";
const AUDIENCE = "yakuba:resident";

let cachedKey: { secret: string; raw: Buffer; key: Promise<CryptoKey> } | undefined;

/**
 * A key of its own for resident sessions, derived from AUTH_SECRET so staff and resident tokens never mix.
 * Derived and imported once: given raw bytes, jose would import the key again on every check.
 */
function sessionKey(): { raw: Buffer; key: Promise<CryptoKey> } {
  const secret = getConfig().AUTH_SECRET;
  if (cachedKey?.secret !== secret) {
    const raw = Buffer.from(hkdfSync("sha256", secret, "yakuba", "resident-session-v1", 32));
    cachedKey = { secret, raw, key: crypto.subtle.importKey("raw", new Uint8Array(raw), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]) };
  }
  return cachedKey;
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
    .sign(await sessionKey().key);
  return { token, maxAgeSeconds };
}

function jsonPart(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * The resident id of a valid, unexpired session token; null for anything else. Checked on every resident request,
 * so synchronously with node:crypto (WebCrypto's verify is an async job costing several times more): an HS256
 * signature over exactly the header and payload sent, the header naming HS256 and nothing critical, our audience,
 * a numeric expiry in the future and no not-before in the future — what jwtVerify checked for these tokens.
 */
export async function readResidentSessionToken(token: string | undefined | null, now = Date.now()): Promise<string | null> {
  if (!token) return null;
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [header, payload, signature] = parts as [string, string, string];
  const expected = createHmac("sha256", sessionKey().raw).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const head = jsonPart(header);
  if (!head || head.alg !== "HS256" || "crit" in head) return null;
  const claims = jsonPart(payload);
  if (!claims) return null;
  const seconds = Math.floor(now / 1000);
  const audience = claims.aud;
  if (!(audience === AUDIENCE || (Array.isArray(audience) && audience.includes(AUDIENCE)))) return null;
  if (typeof claims.exp !== "number" || claims.exp <= seconds) return null;
  if (claims.nbf !== undefined && (typeof claims.nbf !== "number" || claims.nbf > seconds)) return null;
  return typeof claims.sub === "string" ? claims.sub : null;
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
