import { NextResponse, type NextRequest } from "next/server";
import { HTML_LANG_HEADER, htmlLangForRequest } from "@/lib/i18n/html-lang";
import { RESIDENT_LOCALE_COOKIE } from "@/lib/i18n/locale";

/** Tells the shared root layout the page's `<html lang>`: the resident's language on /liff, Japanese elsewhere. */
export function proxy(request: NextRequest): NextResponse {
  const headers = new Headers(request.headers);
  headers.set(
    HTML_LANG_HEADER,
    htmlLangForRequest({ pathname: request.nextUrl.pathname, cookie: request.cookies.get(RESIDENT_LOCALE_COOKIE)?.value, acceptLanguage: request.headers.get("accept-language") }),
  );
  return NextResponse.next({ request: { headers } });
}

// Pages only: API routes, static files and images never render the layout.
export const config = { matcher: ["/((?!api/|_next/static|_next/image|favicon\\.ico).*)"] };
