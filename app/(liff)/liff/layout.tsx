import type { Metadata, Viewport } from "next";

export const metadata: Metadata = { title: { default: "役場 LINE", template: "%s | 役場 LINE" }, robots: { index: false } };
export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#ffffff" };

/** Phone layout for every LIFF page: one column, 18px body text, generous spacing for thumbs and older eyes. */
export default function LiffLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="min-h-screen bg-solid-gray-50">
      <main className="mx-auto flex min-h-screen max-w-[480px] flex-col gap-6 bg-white px-4 pb-12 pt-6 text-std-18N-160 text-solid-gray-800">
        {children}
      </main>
    </div>
  );
}
