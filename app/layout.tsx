import type { Metadata, Viewport } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Yakuba", template: "%s | Yakuba" },
  description: "LINEの中の役場: 申請・予約・お知らせ",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

/** Staff pages are Japanese; the LIFF layout sets the resident's language on <html> (components/liff/html-lang.tsx). */
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="ja">
      <body className="min-h-screen text-std-16N-170">{children}</body>
    </html>
  );
}
