"use client";

import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { cancelBroadcastAction, sendBroadcastAction, submitBroadcastAction } from "@/lib/segments/actions";

/** Ask for approval (composer), approve and send or schedule (department admin), or cancel — each confirmed. */
export function BroadcastActions({ broadcastId, status, scheduled, canCompose, canSend }: { broadcastId: string; status: string; scheduled: boolean; canCompose: boolean; canSend: boolean }) {
  const router = useRouter();
  const run = (action: (input: unknown) => Promise<{ ok: boolean; error?: string }>) => async () => {
    const result = await action({ broadcastId });
    if (!result.ok) return result.error ?? "操作できませんでした。";
    router.refresh();
    return null;
  };
  const open = status === "draft" || status === "pending_approval";
  return (
    <div className="flex flex-wrap gap-3">
      {canSend && open ? (
        <ConfirmDialog triggerLabel={scheduled ? "承認して予約する" : "承認して送信する"} triggerVariant="primary" title={scheduled ? "この配信を予約しますか" : "この配信を送信しますか"} confirmLabel={scheduled ? "予約する" : "送信する"} onConfirm={run(sendBroadcastAction)}>
          <p>送信すると取り消せません。配信対象は今の受信設定で確定し、1人に1通だけ届きます。</p>
        </ConfirmDialog>
      ) : null}
      {canCompose && status === "draft" && !canSend ? (
        <ConfirmDialog triggerLabel="部署管理者に承認を依頼する" triggerVariant="primary" title="承認を依頼しますか" confirmLabel="依頼する" onConfirm={run(submitBroadcastAction)}>
          <p>部署管理者が承認すると送信されます。</p>
        </ConfirmDialog>
      ) : null}
      {canSend && (open || status === "scheduled") ? (
        <ConfirmDialog triggerLabel="取り消す" title="この配信を取り消しますか" confirmLabel="取り消す" confirmVariant="danger" onConfirm={run(cancelBroadcastAction)}>
          <p>{status === "scheduled" ? "予約した送信を取りやめます。" : "この下書きは送信されなくなります。"}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
