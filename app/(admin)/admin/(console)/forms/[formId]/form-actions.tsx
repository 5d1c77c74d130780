"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormErrorSummary } from "@/components/admin/form-error-summary";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { InputField } from "@/components/ui/field";
import { archiveFormAction, copyFormAction, publishFormAction, revertFormAction } from "@/lib/forms/staff-actions";
import { copyFormSchema } from "@/lib/forms/validations";

/** 公開 with every publish problem listed when refused, and 廃止; both confirmed first. */
export function PublishArchive({ formId, canPublish, canArchive }: { formId: string; canPublish: boolean; canArchive: boolean }) {
  const router = useRouter();
  const [refusal, setRefusal] = useState<{ title: string; problems: string[] } | null>(null);
  const [published, setPublished] = useState<number | null>(null);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap gap-3">
        {canPublish ? (
          <ConfirmDialog
            triggerLabel="公開する"
            triggerVariant="primary"
            title="この下書きを公開しますか"
            confirmLabel="公開する"
            onConfirm={async () => {
              setRefusal(null);
              const result = await publishFormAction({ formId });
              if (!result.ok) setRefusal({ title: result.error, problems: result.fieldErrors?._form ?? [] });
              else {
                setPublished(result.data.version);
                router.refresh();
              }
              return null;
            }}
          >
            <p>新しい版として住民に公開します。入力途中の住民は、始めたときの版のまま続けられます。</p>
          </ConfirmDialog>
        ) : null}
        {canArchive ? (
          <ConfirmDialog
            triggerLabel="廃止する"
            title="この様式を廃止しますか"
            confirmLabel="廃止する"
            confirmVariant="danger"
            onConfirm={async () => {
              const result = await archiveFormAction({ formId });
              if (!result.ok) return result.error;
              router.refresh();
              return null;
            }}
          >
            <p>住民の一覧から外れ、新しい申請を受け付けなくなります。提出済みの申請と版の記録は残ります。廃止した様式は編集できません。</p>
          </ConfirmDialog>
        ) : null}
      </div>
      {refusal ? (
        <Alert tone="error" title={refusal.title}>
          {refusal.problems.length > 0 ? (
            <ul className="list-disc pl-6">
              {refusal.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      {published ? <Alert tone="success" title={`第${published}版として公開しました。`} /> : null}
    </div>
  );
}

export function CopyForm({ formId }: { formId: string }) {
  const router = useRouter();
  const { form, submit, formError } = useActionForm({
    schema: copyFormSchema,
    action: (values) => copyFormAction(values),
    defaultValues: { formId, code: "" },
    onSuccess: (data) => router.push(`/admin/forms/${data.formId}/edit`),
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3">
      <FormErrorSummary formError={formError} errors={errors} />
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-80">
          <InputField label="複製先の様式コード" required hint="英小文字・数字・ハイフン" error={errors.code?.message} {...form.register("code")} />
        </div>
        <Button type="submit" variant="secondary" disabled={isSubmitting}>
          {isSubmitting ? "複製しています…" : "複製する"}
        </Button>
      </div>
    </form>
  );
}

export function RevertButton({ formId, version, hasDraft }: { formId: string; version: number; hasDraft: boolean }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      triggerLabel={`第${version}版に戻す`}
      triggerSize="sm"
      title={`第${version}版の内容を下書きにしますか`}
      confirmLabel="下書きに戻す"
      confirmVariant={hasDraft ? "danger" : "primary"}
      onConfirm={async () => {
        const result = await revertFormAction({ formId, version });
        if (!result.ok) return result.error;
        router.push(`/admin/forms/${formId}`);
        router.refresh();
        return null;
      }}
    >
      <p>第{version}版の内容が下書きになります。{hasDraft ? "今の下書きは上書きされ、元に戻せません。" : ""}公開するまで住民に届く版は変わりません。</p>
    </ConfirmDialog>
  );
}
