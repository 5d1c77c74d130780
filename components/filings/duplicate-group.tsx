"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useWatch } from "react-hook-form";
import { useActionForm } from "@/components/forms/use-action-form";
import { formatDateTime } from "@/components/admin/format";
import { FormErrorSummary } from "@/components/admin/form-error-summary";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { TextareaField } from "@/components/ui/textarea-field";
import type { FilingChannel, FilingStatus } from "@/db/schema/filings";
import { dismissDuplicateGroupAction, resolveDuplicateGroupAction } from "@/lib/filings/actions";
import { FILING_STATUS_LABELS } from "@/lib/filings/rules";
import { dismissDuplicateSchema, resolveDuplicateSchema } from "@/lib/filings/validations";
import { differingFields, type ComparedField } from "@/lib/filings/duplicate-compare";
import { CHANNEL_LABELS, points, wareki } from "./labels";

export type DuplicateFiling = {
  id: string;
  receiptNumber: string;
  channel: FilingChannel;
  status: FilingStatus;
  duplicateSuspected: boolean;
  submittedAt: Date;
  householdCode: string;
  address: string;
  representativeName: string;
  representativeKana: string;
  birthDate: string;
  memberCount: number;
  points: number;
};

const DEFAULT_CLOSE_REASON = "同じ世帯から別の申請を受け付けているため、この申請は取りまとめました。給付は先の申請に対して行います。";

/** The open groups plus the outcome of the last action, which stays on screen after its group is gone. */
export function DuplicateGroups({ groups }: { groups: DuplicateFiling[][] }) {
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <div className="flex flex-col gap-6">
      {notice ? <Alert tone="success" title={notice} /> : null}
      {groups.length === 0 ? (
        <p className="rounded-8 border border-solid-gray-200 bg-white p-6 text-std-16N-170">確認が必要な重複の疑いはありません。</p>
      ) : (
        groups.map((group, index) => <DuplicateGroup key={group.map((f) => f.id).join(",")} index={index} filings={group} onDone={setNotice} />)
      )}
    </div>
  );
}

/** One suspected group side by side: keep one and close the others (never the whole household), or clear it. */
export function DuplicateGroup({ index, filings, onDone }: { index: number; filings: DuplicateFiling[]; onDone?: (message: string) => void }) {
  const router = useRouter();
  const ids = filings.map((f) => f.id);
  const others = (keepId: string) => ids.filter((id) => id !== keepId);
  const resolve = useActionForm({
    schema: resolveDuplicateSchema,
    action: resolveDuplicateGroupAction,
    defaultValues: { keepFilingId: ids[0], closeFilingIds: others(ids[0]!), reason: DEFAULT_CLOSE_REASON },
    onSuccess: () => {
      const kept = filings.find((f) => f.id === resolve.form.getValues("keepFilingId"));
      onDone?.(`${kept?.receiptNumber ?? ""} を残し、ほかの${filings.length - 1}件を取りまとめました。LINEで申請した方には理由をお知らせします。`);
      router.refresh();
    },
  });
  const dismiss = useActionForm({
    schema: dismissDuplicateSchema,
    action: dismissDuplicateGroupAction,
    defaultValues: { filingIds: ids, reason: "" },
    onSuccess: () => {
      onDone?.(`${filings.length}件を重複ではないと記録しました。以後の確認では対象になりません。`);
      router.refresh();
    },
  });
  const keep = useWatch({ control: resolve.form.control, name: "keepFilingId" });
  const resolveErrors = resolve.form.formState.errors;
  const dismissErrors = dismiss.form.formState.errors;
  const choiceError = resolveErrors.keepFilingId?.message ?? resolveErrors.closeFilingIds?.message ?? resolveErrors.closeFilingIds?.root?.message;
  const pending = resolve.form.formState.isSubmitting || dismiss.form.formState.isSubmitting;
  const differs = differingFields(filings);
  const rows: [string, (f: DuplicateFiling) => React.ReactNode, ComparedField?][] = [
    ["受付番号", (f) => <span className="font-mono">{f.receiptNumber}</span>],
    ["方法", (f) => CHANNEL_LABELS[f.channel], "channel"],
    ["状態", (f) => FILING_STATUS_LABELS[f.status]],
    ["代表者", (f) => f.representativeName, "representativeName"],
    ["カナ", (f) => f.representativeKana, "representativeKana"],
    ["生年月日", (f) => wareki(f.birthDate), "birthDate"],
    ["住所", (f) => f.address, "address"],
    ["世帯番号", (f) => f.householdCode, "householdCode"],
    ["世帯の人数", (f) => `${f.memberCount}人`, "memberCount"],
    ["ポイント", (f) => points(f.points), "points"],
    ["申請日時", (f) => formatDateTime(f.submittedAt)],
  ];
  const headingId = `dup-group-${index}`;
  const choiceErrorId = `${headingId}-choice-error`;

  return (
    <section aria-labelledby={headingId} className="rounded-8 border-2 border-warning-yellow-2 bg-white p-5" data-testid="duplicate-group">
      <h2 id={headingId} className="mb-3 text-std-20B-150">
        重複の疑い {index + 1}（{filings.length}件）
      </h2>
      <form noValidate onSubmit={resolve.submit} className="flex flex-col gap-4">
        <FormErrorSummary formError={resolve.formError} errors={resolveErrors} />
        <fieldset className="min-w-0" aria-describedby={choiceError ? choiceErrorId : undefined}>
          <legend className="mb-2 text-std-16B-170">残す申請を1件選んでください（ほかの申請は取りまとめます）</legend>
          {choiceError ? (
            <p id={choiceErrorId} className="mb-2 text-std-16B-170 text-error-2">
              {choiceError}
            </p>
          ) : null}
          <div className="relative overflow-x-auto">
            <table className="w-full border-collapse text-left text-std-16N-170">
              <caption className="sr-only">重複の疑いがある申請の比較</caption>
              <thead>
                <tr>
                  <th scope="col" className="w-32 border-b border-solid-gray-200 py-2 pr-4">
                    項目
                  </th>
                  {filings.map((f) => (
                    <th key={f.id} scope="col" className="border-b border-solid-gray-200 py-2 pr-4">
                      <label className="inline-flex min-h-10 items-center gap-2 text-std-16B-170">
                        <input
                          type="radio"
                          value={f.id}
                          aria-invalid={Boolean(choiceError)}
                          {...resolve.form.register("keepFilingId", {
                            onChange: (event: React.ChangeEvent<HTMLInputElement>) =>
                              resolve.form.setValue("closeFilingIds", others(event.target.value), { shouldValidate: resolve.form.formState.isSubmitted }),
                          })}
                          className="size-5 shrink-0 accent-blue-900"
                        />
                        <span>
                          受付番号 <span className="font-mono">{f.receiptNumber}</span> を残す
                        </span>
                      </label>
                      <span className="block">
                        {keep === f.id ? <Badge tone="success">残す</Badge> : <Badge tone="neutral">取りまとめ（終了）</Badge>}
                      </span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map(([label, render, field]) => (
                  <tr key={label} data-differs={field && differs.has(field) ? "true" : undefined} className={`border-b border-solid-gray-100 ${field && differs.has(field) ? "bg-yellow-50" : ""}`}>
                    <th scope="row" className="py-2 pr-4 text-std-16B-170">
                      {label}
                      {field && differs.has(field) ? <span className="block text-std-16B-170 text-error-2">違いあり</span> : null}
                    </th>
                    {filings.map((f) => (
                      <td key={f.id} className="py-2 pr-4 align-top">
                        {render(f)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </fieldset>
        <div className="flex flex-col gap-3 lg:max-w-[50%]">
          <TextareaField
            label="取りまとめる申請の理由"
            hint="LINEで申請した方に届きます"
            required
            rows={3}
            {...resolve.form.register("reason")}
            error={resolveErrors.reason?.message}
          />
          <div>
            <Button type="submit" disabled={pending}>
              選んだ1件を残し、ほかを取りまとめる
            </Button>
          </div>
        </div>
      </form>
      <form noValidate onSubmit={dismiss.submit} className="mt-6 flex flex-col gap-3 border-t border-solid-gray-200 pt-4 lg:max-w-[50%]">
        <FormErrorSummary formError={dismiss.formError} errors={dismissErrors} />
        <TextareaField
          label="重複ではない理由（記録に残ります）"
          required
          rows={3}
          {...dismiss.form.register("reason")}
          error={dismissErrors.reason?.message ?? dismissErrors.filingIds?.message}
          hint="例: 同じ建物の別の世帯で、別人と確認した"
        />
        <div>
          <Button type="submit" variant="secondary" disabled={pending}>
            重複ではない（すべて残す）
          </Button>
        </div>
      </form>
    </section>
  );
}
