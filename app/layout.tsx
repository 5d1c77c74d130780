import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { HTML_LANG_HEADER, htmlLangFromHeader } from "@/lib/i18n/html-lang";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Yakuba", template: "%s | Yakuba" },
  description: "LINEの中の役場: 申請・予約・お知らせ",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

/** Staff pages are Japanese; LIFF pages carry the resident's language (proxy.ts decides, per request). */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const lang = htmlLangFromHeader((await headers()).get(HTML_LANG_HEADER));
  return (
    <html lang={lang}>
      <body className="min-h-screen text-std-16N-170">{children}</body>
    </html>
  );
}
