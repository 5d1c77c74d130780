"use client";

import { useState } from "react";
import { OneTimeSecret } from "@/components/admin/one-time-secret";
import { Alert } from "@/components/ui/alert";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { resetStaffPasswordAction, setStaffActiveAction, unlockStaffAction } from "../actions";

export function AccountActions({
  staffId,
  displayName,
  active,
  locked,
  enabled,
  restriction,
}: {
  staffId: string;
  displayName: string;
  active: boolean;
  locked: boolean;
  enabled: boolean;
  restriction: string | null;
}) {
  const [notice, setNotice] = useState<string | null>(null);
  const [temporaryPassword, setTemporaryPassword] = useState<string | null>(null);

  // Each returns the error to show inside the dialog, or null to close it.
  const setActive = async (next: boolean) => {
    const result = await setStaffActiveAction({ staffId, active: next });
    if (!result.ok) return result.error;
    setNotice(next ? "アカウントの利用を再開しました。" : "アカウントを停止しました。この職員はすぐにログインできなくなります。");
    return null;
  };
  const unlock = async () => {
    const result = await unlockStaffAction({ staffId });
    if (!result.ok) return result.error;
    setNotice("ロックを解除しました。パスワードは変わっていません。");
    return null;
  };
  const reset = async () => {
    const result = await resetStaffPasswordAction({ staffId });
    if (!result.ok) return result.error;
    setNotice(null);
    setTemporaryPassword(result.data.temporaryPassword);
    return null;
  };

  return (
    <div className="flex flex-col gap-4">
      {notice ? <Alert tone="success" title={notice} /> : null}
      {temporaryPassword ? (
        <OneTimeSecret title="新しい仮パスワード" secret={temporaryPassword} forWhom={`${displayName}さん`} />
      ) : null}
      {restriction ? <Alert tone="info" title="この職員のアカウントは変更できません">{restriction}</Alert> : null}
      {enabled ? (
        <div className="flex flex-wrap gap-3">
          {locked ? (
            <ConfirmDialog
              triggerLabel="ロック解除"
              title={`${displayName}さんのロックを解除しますか`}
              confirmLabel="ロックを解除する"
              onConfirm={unlock}
            >
              パスワードは変えずに、すぐにログインできる状態に戻します。本人に心当たりのないログイン失敗なら、パスワード再設定を選んでください。
            </ConfirmDialog>
          ) : null}
          <ConfirmDialog
            triggerLabel="パスワードを再設定"
            title={`${displayName}さんのパスワードを再設定しますか`}
            confirmLabel="再設定する"
            onConfirm={reset}
          >
            いまのパスワードは使えなくなり、仮パスワードを発行します（ロックも解除されます）。仮パスワードはこの画面に一度だけ表示されます。
          </ConfirmDialog>
          {active ? (
            <ConfirmDialog
              triggerLabel="アカウントを停止"
              triggerVariant="danger"
              title={`${displayName}さんのアカウントを停止しますか`}
              confirmLabel="停止する"
              confirmVariant="danger"
              onConfirm={() => setActive(false)}
            >
              停止すると、この職員はすぐにログインも操作もできなくなります。所属と権限は残るので、あとで再開できます。
            </ConfirmDialog>
          ) : (
            <ConfirmDialog
              triggerLabel="利用を再開"
              title={`${displayName}さんのアカウントの利用を再開しますか`}
              confirmLabel="再開する"
              onConfirm={() => setActive(true)}
            >
              再開すると、停止前と同じ所属と権限でログインできるようになります。
            </ConfirmDialog>
          )}
        </div>
      ) : null}
    </div>
  );
}
