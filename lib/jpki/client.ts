import { timingSafeEqual } from "node:crypto";
import * as oidc from "openid-client";

/**
 * The JPKI relying party: OpenID Connect authorization code flow with PKCE (S256), state and nonce, asking
 * only for the 基本4情報. Framework-free so tests can drive it against the simulator and oidc-provider.
 */

export type JpkiClientSettings = { issuer: string; clientId: string; clientSecret: string; redirectUri: string; scopes: string };

export type BasicFourInfo = { name: string; address: string; birthdate: string; gender: string };
export type JpkiIdentity = BasicFourInfo & { issuer: string; subject: string };

export type JpkiFailureReason = "user_cancelled" | "card_locked" | "denied" | "state_mismatch" | "nonce_mismatch" | "invalid_grant" | "missing_claims" | "issuer_error";

export class JpkiError extends Error {
  constructor(readonly reason: JpkiFailureReason, detail: string) {
    super(detail);
    this.name = "JpkiError";
  }
}

/** Claims that could carry an individual number are never asked for; a scope naming one is refused here. */
const FORBIDDEN_SCOPE = /my_?number|individual_?number|kojin_?bango/i;

const configurations = new Map<string, Promise<oidc.Configuration>>();

export function discover(settings: JpkiClientSettings): Promise<oidc.Configuration> {
  const key = `${settings.issuer}|${settings.clientId}`;
  let configuration = configurations.get(key);
  if (!configuration) {
    const insecure = new URL(settings.issuer).protocol === "http:";
    configuration = oidc
      .discovery(new URL(settings.issuer), settings.clientId, { redirect_uris: [settings.redirectUri], response_types: ["code"] }, oidc.ClientSecretBasic(settings.clientSecret), {
        // Only the local simulators speak plain http; production refuses non-https issuers at boot.
        execute: insecure ? [oidc.allowInsecureRequests] : [],
        timeout: 10,
      })
      .catch((error: unknown) => {
        configurations.delete(key);
        throw error;
      });
    configurations.set(key, configuration);
  }
  return configuration;
}

/** For tests that restart an issuer on a new key. */
export function forgetDiscovery(): void {
  configurations.clear();
}

export type AuthorizationStart = { url: string; state: string; nonce: string; codeVerifier: string };

export async function beginAuthorization(settings: JpkiClientSettings): Promise<AuthorizationStart> {
  if (FORBIDDEN_SCOPE.test(settings.scopes)) throw new Error("JPKI scopes must not ask for the individual number");
  const configuration = await discover(settings);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: settings.redirectUri,
    scope: settings.scopes,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return { url: url.toString(), state, nonce, codeVerifier };
}

function formattedAddress(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && typeof (value as { formatted?: unknown }).formatted === "string") return (value as { formatted: string }).formatted;
  return null;
}

/**
 * Completes the flow from the callback URL: checks state, exchanges the code with the PKCE verifier, validates
 * the ID token (signature, iss, aud, exp, nonce) and reads the 基本4情報 from the ID token or userinfo.
 * Only those four claims leave this function; everything else the issuer sent is dropped.
 */
export async function completeAuthorization(
  settings: JpkiClientSettings,
  callbackUrl: URL,
  checks: { state: string; nonce: string; codeVerifier: string },
): Promise<JpkiIdentity> {
  const configuration = await discover(settings);
  // Checked first and for error responses too: a callback whose state we did not issue is not ours to act on.
  const returnedState = callbackUrl.searchParams.get("state") ?? "";
  if (returnedState.length !== checks.state.length || !timingSafeEqual(Buffer.from(returnedState), Buffer.from(checks.state))) {
    throw new JpkiError("state_mismatch", "state does not match the request");
  }
  const error = callbackUrl.searchParams.get("error");
  if (error) {
    const description = callbackUrl.searchParams.get("error_description") ?? "";
    if (description === "user_cancelled" || (error === "access_denied" && /cancel/i.test(description))) throw new JpkiError("user_cancelled", description);
    if (description === "card_locked" || /lock/i.test(description)) throw new JpkiError("card_locked", description);
    throw new JpkiError("denied", `${error}: ${description}`.slice(0, 200));
  }
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  try {
    tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
  } catch (failure) {
    const err = failure as { code?: string; error?: string; message?: string; cause?: { cause?: { claim?: string } } };
    if (err.error === "invalid_grant") throw new JpkiError("invalid_grant", err.message ?? "invalid_grant");
    if (err.code === "OAUTH_JWT_CLAIM_COMPARISON_FAILED" && err.cause?.cause?.claim === "nonce") throw new JpkiError("nonce_mismatch", "ID token nonce mismatch");
    throw new JpkiError("issuer_error", String(err.message ?? failure).slice(0, 200));
  }
  const idClaims = tokens.claims();
  if (!idClaims) throw new JpkiError("issuer_error", "no ID token");
  let merged: Record<string, unknown> = { ...idClaims };
  if (missingBasicFour(merged)) {
    const userinfo = await oidc.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
    merged = { ...merged, ...pickDefined(userinfo) };
  }
  const address = formattedAddress(merged.address);
  const { name, birthdate, gender } = merged;
  if (typeof name !== "string" || !address || typeof birthdate !== "string" || typeof gender !== "string") {
    throw new JpkiError("missing_claims", "the issuer did not return all four basic facts");
  }
  return { issuer: idClaims.iss, subject: idClaims.sub, name, address, birthdate, gender };
}

function missingBasicFour(claims: Record<string, unknown>): boolean {
  return ["name", "address", "birthdate", "gender"].some((key) => claims[key] === undefined);
}

function pickDefined(claims: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ["name", "address", "birthdate", "gender"]) if (claims[key] !== undefined) out[key] = claims[key];
  return out;
}
