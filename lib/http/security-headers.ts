/**
 * Security headers for every response. Inline scripts stay allowed because Next.js bootstraps with them and a
 * nonce would need a proxy on every request; LINE's in-app browser honours everything listed here.
 */
export function securityHeaders({ development }: { development: boolean }): { key: string; value: string }[] {
  const csp = [
    "default-src 'self'",
    // The LIFF SDK loads its extensions and UI scripts from static.line-scdn.net at run time.
    `script-src 'self' 'unsafe-inline'${development ? " 'unsafe-eval'" : ""} https://static.line-scdn.net`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https://profile.line-scdn.net https://obs.line-scdn.net",
    "font-src 'self' data:",
    // LIFF calls api.line.me / api-data.line.me from the page, and its usage stats go to uts-front.line-apps.com.
    "connect-src 'self' https://api.line.me https://api-data.line.me https://access.line.me https://liffsdk.line-scdn.net https://uts-front.line-apps.com",
    "frame-ancestors 'self'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
  return [
    { key: "Content-Security-Policy", value: csp },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Frame-Options", value: "SAMEORIGIN" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
    ...(development ? [] : [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]),
  ];
}

/**
 * Route handlers answer JSON, files and redirects, never a page to render: the policy for APIs (nothing may load
 * or frame them). No value holds a ':', so Next.js does not run path-to-regexp over it on every request.
 */
export function apiSecurityHeaders({ development }: { development: boolean }): { key: string; value: string }[] {
  return [
    { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "no-referrer" },
    { key: "X-Frame-Options", value: "DENY" },
    ...(development ? [] : [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]),
  ];
}

/** Which headers which paths get (next.config.ts): pages and assets the page policy, /api/* the API policy. */
export function securityHeaderRules({ development }: { development: boolean }): { source: string; headers: { key: string; value: string }[] }[] {
  return [
    { source: "/((?!api/).*)", headers: securityHeaders({ development }) },
    { source: "/api/:path*", headers: apiSecurityHeaders({ development }) },
  ];
}
