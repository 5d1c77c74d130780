import { expect, test } from "playwright/test";

// Every response carries its security headers: pages the page policy, route handlers the API policy.
test.describe("security headers", () => {
  test("pages get the page policy (LIFF, staff sign-in, the top page)", async ({ request }) => {
    for (const path of ["/", "/liff", "/admin/login"]) {
      const response = await request.get(path, { maxRedirects: 0 });
      const headers = response.headers();
      expect(headers["content-security-policy"], path).toContain("default-src 'self'");
      expect(headers["content-security-policy"], path).toContain("https://static.line-scdn.net");
      expect(headers["content-security-policy"], path).toContain("frame-ancestors 'self'");
      expect(headers["x-frame-options"], path).toBe("SAMEORIGIN");
      expect(headers["x-content-type-options"], path).toBe("nosniff");
      expect(headers["strict-transport-security"], path).toContain("max-age=63072000");
    }
  });

  test("route handlers get the API policy: nothing may load or frame them", async ({ request }) => {
    for (const [path, method] of [["/api/health", "GET"], ["/api/liff/benefit/filings", "POST"], ["/api", "GET"]] as const) {
      const response = await request.fetch(path, { method, data: method === "POST" ? {} : undefined, maxRedirects: 0 });
      const headers = response.headers();
      expect(headers["content-security-policy"], path).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(headers["x-frame-options"], path).toBe("DENY");
      expect(headers["x-content-type-options"], path).toBe("nosniff");
      expect(headers["referrer-policy"], path).toBe("no-referrer");
      expect(headers["strict-transport-security"], path).toContain("max-age=63072000");
    }
  });
});
