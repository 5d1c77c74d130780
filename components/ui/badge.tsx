import type { ReactNode } from "react";

const TONES = {
  neutral: "border-solid-gray-600 bg-solid-gray-50 text-solid-gray-900",
  success: "border-success-2 bg-green-50 text-success-2",
  error: "border-error-2 bg-red-50 text-error-2",
  warning: "border-warning-yellow-2 bg-yellow-50 text-solid-gray-900",
  info: "border-blue-900 bg-blue-50 text-blue-1000",
} as const;

/** A short status word; the text itself carries the meaning, colour only reinforces it. */
export function Badge({ tone = "neutral", children }: { tone?: keyof typeof TONES; children: ReactNode }) {
  return (
    <span className={`inline-flex items-center whitespace-nowrap rounded-full border px-3 py-0.5 text-std-16B-170 ${TONES[tone]}`}>
      {children}
    </span>
  );
}
