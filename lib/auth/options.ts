import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { getDb } from "@/db";
import { writeAudit } from "@/lib/audit/log";
import { getConfig } from "@/lib/config/env";
import { authorizeStaffCredentials, findActiveStaffIdForSso } from "./credentials";

export const SSO_PROVIDER_ID = "sso";

type SsoProfile = { sub: string; email?: string; name?: string; preferred_username?: string };

function headerValue(headers: unknown, name: string): string | null {
  if (!headers) return null;
  if (headers instanceof Headers) return headers.get(name);
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

function buildAuthOptions(): NextAuthOptions {
  const config = getConfig();
  // next-auth v4 derives callback URLs from NEXTAUTH_URL; ours is APP_URL.
  process.env.NEXTAUTH_URL ??= config.APP_URL;

  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "ログインIDとパスワード",
      credentials: { loginId: { label: "ログインID", type: "text" }, password: { label: "パスワード", type: "password" } },
      async authorize(credentials, req) {
        return authorizeStaffCredentials(await getDb(), credentials, {
          requestId: headerValue(req?.headers, "x-request-id"),
          policy: { maxFailures: config.LOGIN_MAX_FAILURES, lockMinutes: config.LOGIN_LOCK_MINUTES },
        });
      },
    }),
  ];

  if (config.sso) {
    const sso: OAuthConfig<SsoProfile> = {
      id: SSO_PROVIDER_ID,
      name: config.sso.displayName,
      type: "oauth",
      wellKnown: `${config.sso.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: config.sso.clientId,
      clientSecret: config.sso.clientSecret,
      idToken: true,
      checks: ["pkce", "state", "nonce"],
      authorization: { params: { scope: "openid email profile" } },
      profile: (profile) => ({ id: profile.sub, email: profile.email ?? null, name: profile.name ?? null }),
    };
    providers.push(sso);
  }

  return {
    secret: config.AUTH_SECRET,
    session: { strategy: "jwt", maxAge: config.AUTH_SESSION_HOURS * 3600 },
    pages: { signIn: "/admin/login", error: "/admin/login" },
    providers,
    events: {
      async signOut({ token }) {
        const staffId = typeof token?.staffId === "string" ? token.staffId : null;
        await writeAudit(await getDb(), {
          action: "auth.signed_out",
          entity: "staff",
          entityId: staffId,
          actor: { type: "staff", id: staffId, label: null },
          requestId: null,
        });
      },
    },
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== SSO_PROVIDER_ID) return true;
        const staffId = await findActiveStaffIdForSso(await getDb(), {
          email: user.email,
          requestId: null,
          issuer: config.sso?.issuer ?? "",
        });
        if (!staffId) return "/admin/login?error=sso_unknown";
        user.id = staffId;
        return true;
      },
      async jwt({ token, user }) {
        if (user) token.staffId = user.id;
        return token;
      },
      async session({ session, token }) {
        return { ...session, staffId: typeof token.staffId === "string" ? token.staffId : null };
      },
    },
  };
}

let cached: NextAuthOptions | undefined;
export function getAuthOptions(): NextAuthOptions {
  cached ??= buildAuthOptions();
  return cached;
}
