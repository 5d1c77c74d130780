import { startOidcServer } from "./oidc-server";

/** Starts the local OIDC provider for the SSO specs; Playwright calls the returned function at the end. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const oidc = await startOidcServer();
  return () => oidc.close();
}
