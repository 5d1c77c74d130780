import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { proxy } from "@/proxy";
import { HTML_LANG_HEADER, htmlLangForRequest, htmlLangFromHeader } from "./html-lang";

describe("<html lang> per request", () => {
  it.each([
    ["/liff", "en", null, "en"],
    ["/liff/benefit/status", "en", "ja", "en"],
    ["/liff/jpki", "ja-easy", null, "ja"],
    ["/liff/jpki", "ja", "en-US", "ja"],
    // First visit: Accept-Language decides, as on the page itself.
    ["/liff", null, "en-GB,en;q=0.9", "en"],
    ["/liff", "nonsense", "fr, en;q=0.8", "en"],
    // Staff pages stay Japanese whatever the browser or a resident cookie says.
    ["/admin", "en", "en-US", "ja"],
    ["/admin/payments", "en", null, "ja"],
    ["/liffy", "en", "en", "ja"],
    ["/", "en", "en", "ja"],
  ] as const)("%s with cookie %s and Accept-Language %s → %s", (pathname, cookie, acceptLanguage, expected) => {
    expect(htmlLangForRequest({ pathname, cookie, acceptLanguage })).toBe(expected);
  });

  it("the root layout renders only the values the proxy writes", () => {
    expect(htmlLangFromHeader("en")).toBe("en");
    expect(htmlLangFromHeader("ja")).toBe("ja");
    expect(htmlLangFromHeader(null)).toBe("ja");
    expect(htmlLangFromHeader("<script>")).toBe("ja");
  });

  it("the proxy passes the page's lang to the layout and overwrites one sent by the client", () => {
    const forwarded = (url: string, headers: Record<string, string>) => {
      const response = proxy(new NextRequest(url, { headers }));
      // NextResponse.next({ request: { headers } }) carries overridden request headers as x-middleware-request-*.
      return response.headers.get(`x-middleware-request-${HTML_LANG_HEADER}`);
    };
    expect(forwarded("http://localhost/liff/benefit", { cookie: "yakuba_lang=en" })).toBe("en");
    expect(forwarded("http://localhost/liff/benefit", { cookie: "yakuba_lang=ja-easy" })).toBe("ja");
    expect(forwarded("http://localhost/admin", { cookie: "yakuba_lang=en", [HTML_LANG_HEADER]: "en" })).toBe("ja");
  });
});
