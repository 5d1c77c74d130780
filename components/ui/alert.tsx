import type { ReactNode } from "react";

const TONES = {
  error: { box: "border-error-1 bg-red-50", title: "text-error-2", icon: "エラー" },
  success: { box: "border-success-1 bg-green-50", title: "text-success-2", icon: "完了" },
  info: { box: "border-blue-900 bg-blue-50", title: "text-blue-1000", icon: "お知らせ" },
  // The yellow border carries the tone: warning-yellow-2 text on yellow-50 measures 4.2:1, under AA's 4.5:1.
  warning: { box: "border-warning-yellow-1 bg-yellow-50", title: "text-solid-gray-900", icon: "注意" },
} as const;

/** Errors are announced at once (role=alert); other notices politely. */
export function Alert({ tone, title, children }: { tone: keyof typeof TONES; title?: string; children?: ReactNode }) {
  const style = TONES[tone];
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`rounded-8 border-2 px-5 py-4 ${style.box}`}>
      <p className={`text-std-16B-170 ${style.title}`}>
        <span className="sr-only">{style.icon}: </span>
        {title}
      </p>
      {children ? <div className="mt-1 text-std-16N-170 text-solid-gray-900">{children}</div> : null}
    </div>
  );
}
