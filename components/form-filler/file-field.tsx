"use client";

import { useState, type ReactNode } from "react";
import type { FileAnswer } from "@/lib/forms/answers";
import { ATTACHMENT_MESSAGES, fileSize } from "@/lib/forms/attachment-messages";
import type { Question } from "@/lib/forms/definition";
import type { ResidentLocale } from "@/lib/i18n/locale";
import { SECONDARY_BUTTON } from "@/components/liff/ui";

/** Sends a chosen file for a question of the resident's draft; the answer keeps the stored attachment's id. */
export type UploadFile = (questionId: string, file: File) => Promise<{ ok: true; answer: FileAnswer } | { ok: false; message: string }>;

type Props = {
  id: string;
  question: Extract<Question, { type: "file" }>;
  label: ReactNode;
  help: ReactNode;
  describedBy: string | undefined;
  invalid: boolean;
  value: unknown;
  onChange: (value: unknown) => void;
  locale: ResidentLocale;
  upload: UploadFile;
};

const isFileAnswer = (value: unknown): value is FileAnswer => typeof value === "object" && value !== null && typeof (value as FileAnswer).fileId === "string";

/** A file question: the file is scanned and stored when chosen, so the page's answer only names it. */
export function FileField({ id, question, label, help, describedBy, invalid, value, onChange, locale, upload }: Props) {
  const m = ATTACHMENT_MESSAGES[locale];
  const [state, setState] = useState<{ kind: "idle" } | { kind: "sending" } | { kind: "refused"; message: string }>({ kind: "idle" });
  const attached = isFileAnswer(value) ? value : null;

  async function choose(file: File | undefined) {
    if (!file) return;
    setState({ kind: "sending" });
    const result = await upload(question.id, file).catch(() => ({ ok: false as const, message: m.failed }));
    if (result.ok) {
      onChange(result.answer);
      setState({ kind: "idle" });
    } else setState({ kind: "refused", message: result.message });
  }

  return (
    <div className="flex flex-col gap-2">
      <label htmlFor={id} className="text-std-18B-160">{label}</label>
      {help}
      <p id={`${id}-limit`} className="text-std-16N-170 text-solid-gray-700">{m.limit(question.accept, question.maxBytes)}</p>
      {attached ? (
        <div className="flex flex-col gap-2 rounded-8 border-2 border-solid-gray-200 p-4">
          <p role="status">{m.attached(attached.name, fileSize(attached.size))}</p>
          <button type="button" className={SECONDARY_BUTTON} onClick={() => onChange(undefined)}>{m.remove}</button>
        </div>
      ) : (
        <input
          id={id}
          type="file"
          accept={question.accept.join(",")}
          aria-describedby={[describedBy, `${id}-limit`].filter(Boolean).join(" ")}
          aria-invalid={invalid}
          disabled={state.kind === "sending"}
          className="text-std-18N-160"
          onChange={(event) => {
            void choose(event.target.files?.[0]);
            event.target.value = "";
          }}
        />
      )}
      {state.kind === "sending" ? <p role="status">{m.uploading}</p> : null}
      {state.kind === "refused" ? <p role="alert" className="text-std-16B-170 text-error-2">{state.message}</p> : null}
    </div>
  );
}
