import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from "jose";
import { getConfig } from "@/lib/config/env";

/** The only facts about a LIFF user the server accepts: what LINE signed in the ID token. */
export type VerifiedLineIdentity = { sub: string; name: string | null; picture: string | null; expiresAt: Date };

export class IdTokenError extends Error {
  constructor(readonly reason: "invalid" | "expired" | "audience" | "issuer" | "nonce" | "unavailable", detail: string) {
    super(detail);
    this.name = "IdTokenError";
  }
}

type VerifyOptions = {
  /**
   * The nonce this server issued for the sign-in: when given, the token must carry exactly it; when not (real LIFF
   * cannot choose one), a token carrying a nonce is refused. Both verification modes apply this same rule.
   */
  expectedNonce?: string | null;
  mode?: "endpoint" | "jwks";
  baseUrl?: string;
  channelId?: string;
  issuer?: string;
  timeoutMs?: number;
};

const jwksCache = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

function checkClaims(payload: JWTPayload, options: Required<Pick<VerifyOptions, "channelId" | "issuer">> & { expectedNonce?: string | null }): VerifiedLineIdentity {
  // Checked here as well for the endpoint mode, so a misbehaving or spoofed verifier cannot widen what we accept.
  if (payload.iss !== options.issuer) throw new IdTokenError("issuer", "unexpected issuer");
  if (payload.aud !== options.channelId) throw new IdTokenError("audience", "token issued for another channel");
  if (typeof payload.exp !== "number" || payload.exp * 1000 <= Date.now()) throw new IdTokenError("expired", "token expired");
  if ((options.expectedNonce || payload.nonce !== undefined) && payload.nonce !== options.expectedNonce) throw new IdTokenError("nonce", "nonce mismatch");
  if (typeof payload.sub !== "string" || !/^U[0-9a-f]{32}$/.test(payload.sub)) throw new IdTokenError("invalid", "no LINE user ID in token");
  return {
    sub: payload.sub,
    name: typeof payload.name === "string" ? payload.name.slice(0, 100) : null,
    picture: typeof payload.picture === "string" ? payload.picture : null,
    expiresAt: new Date(payload.exp * 1000),
  };
}

/**
 * Verifies a raw LIFF ID token: LINE's verify endpoint (POST {base}/oauth2/v2.1/verify with the LINE Login
 * channel ID) or LINE's ES256 keys ({base}/oauth2/v2.1/certs). Signature, iss, aud, exp and nonce must all hold.
 */
export async function verifyLineIdToken(idToken: string, options: VerifyOptions = {}): Promise<VerifiedLineIdentity> {
  const config = getConfig();
  const mode = options.mode ?? config.LINE_ID_TOKEN_VERIFICATION;
  const baseUrl = (options.baseUrl ?? config.LINE_API_BASE_URL).replace(/\/$/, "");
  const channelId = options.channelId ?? config.LINE_LOGIN_CHANNEL_ID;
  const issuer = options.issuer ?? config.LINE_ID_TOKEN_ISSUER;
  const timeoutMs = options.timeoutMs ?? config.LINE_REQUEST_TIMEOUT_MS;
  if (typeof idToken !== "string" || idToken.length > 8192 || idToken.split(".").length !== 3) throw new IdTokenError("invalid", "not a JWT");

  if (mode === "jwks") {
    let jwks = jwksCache.get(baseUrl);
    if (!jwks) jwksCache.set(baseUrl, (jwks = createRemoteJWKSet(new URL(`${baseUrl}/oauth2/v2.1/certs`), { timeoutDuration: timeoutMs })));
    try {
      const { payload } = await jwtVerify(idToken, jwks, { algorithms: ["ES256"], issuer, audience: channelId });
      return checkClaims(payload, { channelId, issuer, expectedNonce: options.expectedNonce });
    } catch (error) {
      if (error instanceof IdTokenError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw new IdTokenError("expired", "token expired");
      if (error instanceof joseErrors.JWTClaimValidationFailed) throw new IdTokenError(error.claim === "aud" ? "audience" : error.claim === "iss" ? "issuer" : "invalid", error.message);
      if (error instanceof joseErrors.JWKSTimeout || (error as Error).name === "TypeError") throw new IdTokenError("unavailable", "LINE keys unavailable");
      throw new IdTokenError("invalid", (error as Error).message);
    }
  }

  const form = new URLSearchParams({ id_token: idToken, client_id: channelId });
  if (options.expectedNonce) form.set("nonce", options.expectedNonce);
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/oauth2/v2.1/verify`, { method: "POST", body: form, signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    throw new IdTokenError("unavailable", "LINE verify endpoint unavailable");
  }
  const body = (await response.json().catch(() => ({}))) as JWTPayload & { error_description?: string };
  if (response.status >= 500) throw new IdTokenError("unavailable", `LINE verify endpoint answered ${response.status}`);
  if (!response.ok) {
    const description = body.error_description ?? "";
    if (/expired/i.test(description)) throw new IdTokenError("expired", description);
    if (/audience/i.test(description)) throw new IdTokenError("audience", description);
    if (/nonce/i.test(description)) throw new IdTokenError("nonce", description);
    throw new IdTokenError("invalid", description || `verify answered ${response.status}`);
  }
  return checkClaims(body, { channelId, issuer, expectedNonce: options.expectedNonce });
}
