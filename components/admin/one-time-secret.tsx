"use client";

import { useId, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/**
 * Shows a temporary password exactly once. It lives only in this component's state: never in the URL,
 * never stored in plain text, so leaving the screen loses it for good.
 */
export function OneTimeSecret({ title, secret, forWhom }: { title: string; secret: string; forWhom: string }) {
  const headingId = useId();
  const valueRef = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<"ok" | "failed" | null>(null);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied("ok");
    } catch {
      // Clipboard access can be blocked (http, policy): select the text so Ctrl+C works.
      const node = valueRef.current;
      if (node) window.getSelection()?.selectAllChildren(node);
      setCopied("failed");
    }
  };

  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-4 rounded-12 border-2 border-blue-900 bg-white p-6">
      <h2 id={headingId} className="text-std-20B-150">
        {title}
      </h2>
      <Alert tone="warning" title="この画面を閉じると二度と表示されません">
        {forWhom}に、この仮パスワードを安全な方法で伝えてください。初回ログイン時に本人が新しいパスワードへ変更します。
      </Alert>
      <div className="flex flex-wrap items-center gap-4">
        <p className="flex flex-col">
          <span className="text-std-16B-170 text-solid-gray-800">仮パスワード</span>
          <code
            ref={valueRef}
            data-testid="temporary-password"
            className="select-all rounded-8 border border-solid-gray-600 bg-solid-gray-50 px-4 py-2 font-mono text-std-24B-150 tracking-wider text-solid-gray-900"
          >
            {secret}
          </code>
        </p>
        <Button variant="secondary" onClick={copy} className="self-end">
          コピー
        </Button>
      </div>
      <p aria-live="polite" className="min-h-7 text-std-16N-170 text-solid-gray-800">
        {copied === "ok" ? "クリップボードにコピーしました。" : copied === "failed" ? "コピーできませんでした。選択した文字を Ctrl+C でコピーしてください。" : ""}
      </p>
    </section>
  );
}
