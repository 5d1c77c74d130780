"use client";

import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { ProgramStatus } from "@/db/schema/programs";
import { setProgramStatusAction } from "@/lib/programs/actions";

const NEXT: Record<ProgramStatus, { to: ProgramStatus; label: string; body: string } | null> = {
  draft: { to: "open", label: "受付を開始", body: "LINEと窓口（設定した方法）で申請を受け付けます。受付期間の外では申請できません。" },
  open: { to: "closed", label: "受付を終了", body: "新しい申請を受け付けなくなります。審査と給付はこのまま続けられます。" },
  closed: { to: "open", label: "受付を再開", body: "受付期間内であれば、ふたたび申請を受け付けます。" },
};

export function ProgramStatusButton({ programId, status }: { programId: string; status: ProgramStatus }) {
  const router = useRouter();
  const next = NEXT[status];
  if (!next) return null;
  return (
    <ConfirmDialog
      triggerLabel={next.label}
      triggerVariant={next.to === "open" ? "primary" : "secondary"}
      title={`${next.label}しますか？`}
      confirmLabel={next.label}
      onConfirm={async () => {
        const result = await setProgramStatusAction({ programId, status: next.to });
        if (!result.ok) return result.error;
        router.refresh();
        return null;
      }}
    >
      {next.body}
    </ConfirmDialog>
  );
}
