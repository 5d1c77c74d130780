"use client";

import type { FieldErrors, FieldValues } from "react-hook-form";
import { Alert } from "@/components/ui/alert";

const DEFAULT_TITLE = "入力内容に誤りがあります。赤字の項目を確認してください。";

/** The alert at the top of a form: the server's message, or a summary of the field errors found in the browser. */
export function FormErrorSummary<T extends FieldValues>({ formError, errors }: { formError: string | null; errors: FieldErrors<T> }) {
  const messages = Object.values(errors)
    .map((error) => (error && typeof error.message === "string" ? error.message : null))
    .filter((message): message is string => Boolean(message));
  if (!formError && messages.length === 0) return null;
  return (
    <Alert tone="error" title={formError ?? DEFAULT_TITLE}>
      {messages.length > 0 ? (
        <ul className="list-disc pl-6">
          {[...new Set(messages)].map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}
