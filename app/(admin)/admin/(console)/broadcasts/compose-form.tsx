"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { FormErrorSummary } from "@/components/admin/form-error-summary";
import { LinePreview } from "@/components/admin/line-preview";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { InputField, SelectField } from "@/components/ui/field";
import { CheckboxField, TextareaField } from "@/components/ui/textarea-field";
import { composeBroadcastAction, countRecipientsAction } from "@/lib/segments/actions";
import { SEGMENT_MESSAGES } from "@/lib/segments/messages";
import { composeBroadcastSchema } from "@/lib/segments/validations";

type Option = { value: string; label: string };
type TopicOption = { id: string; departmentId: string; label: string };
const VERSIONS = [
  { key: "ja", label: "日本語", field: "text" },
  { key: "ja-easy", label: "やさしい日本語", field: "textEasy" },
  { key: "en", label: "English", field: "textEn" },
] as const;

export function ComposeForm({ departments, topics, programs, statuses, canEmergency }: { departments: Option[]; topics: TopicOption[]; programs: (Option & { departmentId: string })[]; statuses: Option[]; canEmergency: boolean }) {
  const router = useRouter();
  const { form, submit, formError } = useActionForm({
    schema: composeBroadcastSchema,
    action: (values) => composeBroadcastAction(values),
    defaultValues: { departmentId: departments[0]?.value ?? "", topicIds: [], emergency: false, title: "", text: "", textEasy: "", textEn: "", imageUrl: "", imageAlt: "", buttonLabel: "", buttonPath: "", ageMin: "" as never, ageMax: "" as never, programId: "", filingStatus: "", scheduledAt: "" },
    onSuccess: (data) => router.push(`/admin/broadcasts/${data.broadcast.id}`),
  });
  const { errors, isSubmitting } = form.formState;
  const values = form.watch();
  const [version, setVersion] = useState<(typeof VERSIONS)[number]["key"]>("ja");
  const [count, setCount] = useState<string>("—");
  const departmentTopics = topics.filter((t) => t.departmentId === values.departmentId);
  const audienceKey = JSON.stringify([values.departmentId, values.topicIds, values.emergency, values.ageMin, values.ageMax, values.programId, values.filingStatus]);

  useEffect(() => {
    const timer = setTimeout(async () => {
      const [departmentId, topicIds, emergency, ageMin, ageMax, programId, filingStatus] = JSON.parse(audienceKey) as unknown[];
      const result = await countRecipientsAction({ departmentId, topicIds: topicIds || [], emergency, ageMin, ageMax, programId, filingStatus }).catch(() => null);
      setCount(result?.ok ? `${result.data.toLocaleString("ja-JP")}人` : "—（トピックを選ぶと表示されます）");
    }, 300);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the key holds every audience field
  }, [audienceKey]);

  const shown = VERSIONS.find((v) => v.key === version)!;
  const previewText = (values[shown.field] as string | undefined) || values.text || "";
  return (
    <form
      onSubmit={(event) => {
        // datetime-local has no zone: the browser's local time (Japan) becomes an ISO instant.
        const local = String(form.getValues("scheduledAt") ?? "");
        if (local && !local.endsWith("Z") && !/[+-]\d\d:\d\d$/.test(local)) form.setValue("scheduledAt", new Date(local).toISOString() as never);
        return submit(event);
      }}
      noValidate
      className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_24rem]"
    >
      <div className="flex flex-col gap-5">
        <FormErrorSummary formError={formError} errors={errors} />
        <SelectField label="配信する部署" required options={departments} error={errors.departmentId?.message} {...form.register("departmentId", { onChange: () => form.setValue("topicIds", []) })} />
        {canEmergency ? (
          <CheckboxField label="防災モード：トピックに関係なく、すべての友だちに送る（緊急時のみ）" error={errors.emergency?.message} {...form.register("emergency")} />
        ) : null}
        <fieldset className="flex flex-col gap-2" disabled={values.emergency}>
          <legend className="text-std-16B-170">配信するトピック（どれか1つでも受け取る設定の人に1通だけ届きます）</legend>
          {departmentTopics.length === 0 ? <p>この部署にはトピックがありません。先に「配信トピック」で作成してください。</p> : null}
          {departmentTopics.map((topic) => (
            <CheckboxField key={topic.id} id={`topic-${topic.id}`} label={topic.label} value={topic.id} {...form.register("topicIds")} />
          ))}
          {errors.topicIds?.message ? <p className="text-std-16B-170 text-error-2">{errors.topicIds.message}</p> : null}
        </fieldset>
        <InputField label="件名（管理用・住民には届きません）" required error={errors.title?.message} {...form.register("title")} />
        <TextareaField label="本文（日本語）" required rows={6} hint="URL は自動で役場の転送用リンクに置き換わり、リンクごとのクリック数を数えます。" error={errors.text?.message} {...form.register("text")} />
        <TextareaField label="本文（やさしい日本語）" rows={4} hint="空欄なら、やさしい日本語を選んだ人にも日本語の本文が届きます。" error={errors.textEasy?.message} {...form.register("textEasy")} />
        <TextareaField label="本文（英語）" rows={4} lang="en" hint="空欄なら、英語を選んだ人にも日本語の本文が届きます。" error={errors.textEn?.message} {...form.register("textEn")} />
        <InputField label="画像のURL（任意・https）" inputMode="url" error={errors.imageUrl?.message} {...form.register("imageUrl")} />
        <InputField label="画像の代替テキスト（画像を付けるときは必須）" error={errors.imageAlt?.message} {...form.register("imageAlt")} />
        <InputField label="ボタンの文言（任意・20文字まで）" error={errors.buttonLabel?.message} {...form.register("buttonLabel")} />
        <InputField label="ボタンで開く LIFF ページ" hint="例: /benefit（物価高騰支援）、/settings（受信設定）" error={errors.buttonPath?.message} {...form.register("buttonPath")} />
        <fieldset className="flex flex-col gap-3 rounded-8 border border-solid-gray-420 p-4">
          <legend className="px-1 text-std-16B-170">絞り込み（任意）</legend>
          <div className="flex gap-4">
            <InputField label="年齢（下限）" type="number" inputMode="numeric" hint="本人確認済みの生年月日で判定" error={errors.ageMin?.message} {...form.register("ageMin")} />
            <InputField label="年齢（上限）" type="number" inputMode="numeric" error={errors.ageMax?.message} {...form.register("ageMax")} />
          </div>
          <SelectField label="給付事業に申請した人" placeholder="指定しない" options={programs.filter((p) => p.departmentId === values.departmentId)} error={errors.programId?.message} {...form.register("programId")} />
          <SelectField label="申請の状態" placeholder="指定しない" options={statuses} error={errors.filingStatus?.message} {...form.register("filingStatus")} />
        </fieldset>
        <InputField label="予約送信（任意）" type="datetime-local" hint="空欄なら、送信の操作をしたときにすぐ送ります。" error={errors.scheduledAt?.message} {...form.register("scheduledAt")} />
        <div>
          <Button type="submit" size="lg" disabled={isSubmitting}>
            {isSubmitting ? "保存しています…" : "下書きを保存して確認へ"}
          </Button>
        </div>
      </div>
      <aside className="flex flex-col gap-4 lg:sticky lg:top-4 lg:self-start">
        <p role="status" aria-live="polite" className="rounded-8 border-2 border-blue-900 bg-blue-50 p-3 text-std-16B-170">
          配信対象: {count}
        </p>
        <div role="tablist" aria-label="プレビューの言語" className="flex gap-2">
          {VERSIONS.map((v) => (
            <button key={v.key} type="button" role="tab" aria-selected={version === v.key} onClick={() => setVersion(v.key)} className={`min-h-11 rounded-8 border-2 px-3 text-std-16B-170 ${version === v.key ? "border-blue-900 bg-blue-900 text-white" : "border-solid-gray-420 bg-white text-blue-900"}`}>
              {v.label}
            </button>
          ))}
        </div>
        <LinePreview label={`LINE での見え方（${shown.label}）`} text={previewText} imageUrl={values.imageUrl || null} imageAlt={values.imageAlt} buttonLabel={values.buttonLabel} buttonPrompt={SEGMENT_MESSAGES[version].line.buttonPrompt} />
      </aside>
    </form>
  );
}
