"use client";

import { useId, useRef, useState, type ReactNode } from "react";
import { Button, type ButtonProps } from "./button";

type ConfirmDialogProps = {
  /** Text of the button that opens the dialog. */
  triggerLabel: string;
  triggerVariant?: ButtonProps["variant"];
  triggerSize?: ButtonProps["size"];
  triggerDisabled?: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  confirmVariant?: ButtonProps["variant"];
  /** Runs on confirm; the dialog stays open and shows the returned message when it is not null. */
  onConfirm: () => Promise<string | null>;
};

/**
 * A confirmation step before a consequential action, on the native <dialog>: it traps focus, closes on
 * Escape and returns focus to the trigger without extra code.
 */
export function ConfirmDialog({
  triggerLabel,
  triggerVariant = "secondary",
  triggerSize = "md",
  triggerDisabled,
  title,
  children,
  confirmLabel,
  confirmVariant = "primary",
  onConfirm,
}: ConfirmDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const message = await onConfirm();
      if (message) setError(message);
      else dialogRef.current?.close();
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        variant={triggerVariant}
        size={triggerSize}
        disabled={triggerDisabled}
        onClick={() => {
          setError(null);
          dialogRef.current?.showModal();
        }}
      >
        {triggerLabel}
      </Button>
      <dialog
        ref={dialogRef}
        aria-labelledby={titleId}
        className="m-auto w-full max-w-lg rounded-12 border border-solid-gray-200 bg-white p-0 shadow-3 backdrop:bg-black/50"
      >
        <div className="flex flex-col gap-4 p-6">
          <h2 id={titleId} className="text-std-20B-150 text-solid-gray-900">
            {title}
          </h2>
          {children ? <div className="text-std-16N-170 text-solid-gray-800">{children}</div> : null}
          {error ? (
            <p role="alert" className="text-std-16B-170 text-error-2">
              {error}
            </p>
          ) : null}
          <div className="flex flex-wrap justify-end gap-3">
            <Button variant="secondary" onClick={() => dialogRef.current?.close()} disabled={busy} autoFocus>
              キャンセル
            </Button>
            <Button variant={confirmVariant} onClick={confirm} disabled={busy}>
              {busy ? "処理しています…" : confirmLabel}
            </Button>
          </div>
        </div>
      </dialog>
    </>
  );
}
