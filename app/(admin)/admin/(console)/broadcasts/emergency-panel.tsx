"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { switchEmergencyModeAction } from "@/lib/segments/actions";

/** 防災モード: the switch asks for the words 「防災モード」 typed out, so it is never flipped by a stray click. */
export function EmergencyPanel({ active }: { active: boolean }) {
  const router = useRouter();
  const [typed, setTyped] = useState("");
  return (
    <section aria-labelledby="emergency-heading" className={`flex flex-col gap-3 rounded-12 border-2 p-4 ${active ? "border-error-1 bg-red-50" : "border-solid-gray-420"}`}>
      <h2 id="emergency-heading" className="text-std-20B-150">防災モード{active ? "（実施中）" : ""}</h2>
      {active ? (
        <Alert tone="error" title="防災モード中です">すべての友だちのリッチメニューが防災メニュー（避難所・安否確認・災害伝言ダイヤル）になっています。</Alert>
      ) : (
        <p>災害時に、すべての友だちのリッチメニューを防災メニューに切り替えます。全員への緊急配信は「配信を作成」で「防災モード」を選んでください。</p>
      )}
      <ConfirmDialog
        triggerLabel={active ? "防災モードを終了する" : "防災モードにする"}
        triggerVariant={active ? "secondary" : "danger"}
        title={active ? "防災モードを終了しますか" : "防災モードにしますか"}
        confirmLabel={active ? "終了する" : "防災モードにする"}
        confirmVariant="danger"
        onConfirm={async () => {
          const result = await switchEmergencyModeAction({ active: !active, confirm: typed });
          if (!result.ok) return result.fieldErrors?.confirm?.[0] ?? result.error;
          setTyped("");
          router.refresh();
          return null;
        }}
      >
        <p>{active ? "リッチメニューを通常のメニューに戻します。" : "すべての友だちのリッチメニューが防災メニューに切り替わります。"}</p>
        <label className="mt-3 flex flex-col gap-1 text-std-16B-170">
          確認のため「防災モード」と入力してください
          <input value={typed} onChange={(e) => setTyped(e.target.value)} className="rounded-8 border border-solid-gray-600 px-4 py-3 text-std-16N-170" />
        </label>
      </ConfirmDialog>
    </section>
  );
}
