/** Ports and addresses of the browser suite; loopback only. */
export const APP_PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://localhost:${APP_PORT}`;

/** The local OpenID Connect provider (oidc-provider) that plays the town's IdP (Entra ID, Keycloak). */
export const OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? 3101);
export const OIDC_ISSUER = `http://127.0.0.1:${OIDC_PORT}`;
export const OIDC_CLIENT_ID = "yakuba-e2e";
// A test-only client of a loopback IdP that lives for one run; never a real secret.
export const OIDC_CLIENT_SECRET = "e2e-only-client-secret-for-a-loopback-idp";
export const SSO_DISPLAY_NAME = "庁内シングルサインオン";

/** The JPKI issuer simulator the resident flows are sent to (JPKI_ISSUER, so parallel runs can move it). */
export const JPKI_ISSUER_URL = new URL(process.env.JPKI_ISSUER ?? "http://127.0.0.1:4020");
export const JPKI_ISSUER_PAGE = new RegExp(`${JPKI_ISSUER_URL.host.replace(/\./g, "\\.")}`);
