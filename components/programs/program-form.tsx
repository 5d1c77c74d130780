"use client";

import { useRouter } from "next/navigation";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { InputField, SelectField } from "@/components/ui/field";
import { CheckboxField, TextareaField } from "@/components/ui/textarea-field";
import type { BenefitProgram } from "@/db/schema/programs";
import { MESSAGE_TEMPLATE_KEYS } from "@/db/schema/programs";
import type { GuardResult } from "@/lib/auth/guard";
import { DEFAULT_TRANSLATED_TEMPLATES, TRANSLATED_LOCALE_LABELS, TRANSLATED_LOCALES } from "@/lib/filings/resident-texts";
import { DEFAULT_TEMPLATES, programSchema, TEMPLATE_LABELS, type ProgramInput } from "@/lib/programs/validations";

type Option = { value: string; label: string };

const jstParts = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Tokyo",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** A Date as the value of <input type="datetime-local"> in Japan time (the staff's clock). */
export function toJstLocalInput(value: Date | string): string {
  const p = Object.fromEntries(jstParts.formatToParts(new Date(value)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** datetime-local has no zone; the staff mean Japan time, whatever the browser's zone. */
export function fromJstLocalInput(value: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00+09:00` : value;
}

const PLACEHOLDERS = [
  ["{事業名}", "事業の名前"],
  ["{受付番号}", "申請の受付番号"],
  ["{ポイント}", "世帯の付与ポイント（3桁区切り）"],
  ["{理由}", "却下・差し戻しの理由（職員が入力）"],
] as const;

export function ProgramForm({
  program,
  departmentOptions,
  action,
}: {
  program?: BenefitProgram;
  departmentOptions: Option[];
  action: (input: ProgramInput & { programId?: string }) => Promise<GuardResult<BenefitProgram>>;
}) {
  const router = useRouter();
  const { form, submit, formError } = useActionForm({
    schema: programSchema,
    action: (values) => action(program ? { ...values, programId: program.id } : values),
    defaultValues: program
      ? {
          departmentId: program.departmentId,
          code: program.code,
          name: program.name,
          pointsPerPerson: program.pointsPerPerson,
          referenceDate: program.referenceDate,
          filingOpensAt: toJstLocalInput(program.filingOpensAt) as unknown as Date,
          filingClosesAt: toJstLocalInput(program.filingClosesAt) as unknown as Date,
          acceptsLine: program.acceptsLine,
          acceptsCounter: program.acceptsCounter,
          lineRequiresJpki: program.lineRequiresJpki,
          templates: program.templates,
          emoneyName: program.emoneyName ?? "",
          emoneyGuidance: program.emoneyGuidance ?? "",
          translations: program.translations,
        }
      : {
          departmentId: departmentOptions.length === 1 ? departmentOptions[0]!.value : "",
          pointsPerPerson: 10_000,
          acceptsLine: true,
          acceptsCounter: true,
          lineRequiresJpki: true,
          templates: { ...DEFAULT_TEMPLATES },
          emoneyName: "",
          emoneyGuidance: "",
          translations: {},
        },
    onSuccess: (saved) => router.push(`/admin/programs/${saved.id}`),
  });
  const errors = form.formState.errors;
  const message = (path: string): string | undefined => {
    const parts = path.split(".");
    let node: unknown = errors;
    for (const part of parts) node = (node as Record<string, unknown> | undefined)?.[part];
    return (node as { message?: string } | undefined)?.message;
  };
  const dateTime = (name: "filingOpensAt" | "filingClosesAt") =>
    form.register(name, { setValueAs: (v: unknown) => (typeof v === "string" ? fromJstLocalInput(v) : v) });

  return (
    <form onSubmit={submit} noValidate className="flex max-w-3xl flex-col gap-6">
      {formError ? (
        <Alert tone="error" title={formError} />
      ) : Object.keys(errors).length > 0 ? (
        <Alert tone="error" title="入力内容に誤りがあります。赤字の項目を確認してください。" />
      ) : null}
      <fieldset className="flex flex-col gap-4 rounded-8 border border-solid-gray-200 bg-white p-5">
        <legend className="px-2 text-std-18B-160">事業の基本</legend>
        <InputField label="事業名" required {...form.register("name")} error={message("name")} hint="例: 物価高騰対策ポイント給付" />
        <div className="grid gap-4 sm:grid-cols-2">
          <InputField label="事業コード" required {...form.register("code")} error={message("code")} hint="英大文字で始まる2〜8文字。受付番号の先頭に付きます（例: BK25）" />
          <SelectField label="担当課" required options={departmentOptions} placeholder="選んでください" {...form.register("departmentId")} error={message("departmentId")} />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <InputField
            label="1人あたりのポイント"
            required
            inputMode="numeric"
            {...form.register("pointsPerPerson")}
            error={message("pointsPerPerson")}
            hint="世帯のポイント＝1人あたり×世帯の人数。代表者にまとめて付与します"
          />
          <InputField label="基準日" required type="date" {...form.register("referenceDate")} error={message("referenceDate")} hint="この日に住民登録のある世帯が対象です" />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <InputField label="受付開始（日本時間）" required type="datetime-local" {...dateTime("filingOpensAt")} error={message("filingOpensAt")} />
          <InputField label="受付終了（日本時間）" required type="datetime-local" {...dateTime("filingClosesAt")} error={message("filingClosesAt")} />
        </div>
      </fieldset>

      <fieldset className="flex flex-col gap-2 rounded-8 border border-solid-gray-200 bg-white p-5">
        <legend className="px-2 text-std-18B-160">申請の方法</legend>
        <CheckboxField label="LINEで受け付ける" {...form.register("acceptsLine")} />
        <CheckboxField label="窓口で受け付ける" {...form.register("acceptsCounter")} error={message("acceptsCounter")} />
        <CheckboxField
          label="LINEの申請にマイナンバーカードでの本人確認（公的個人認証）を必須にする"
          hint="マイナンバーそのものは受け取らず、記録もしません。外すと、案内状の照会番号と世帯主の生年月日で申請を受け付けます（名簿との照合は照会番号で行います）"
          {...form.register("lineRequiresJpki")}
        />
      </fieldset>

      <fieldset className="flex flex-col gap-4 rounded-8 border border-solid-gray-200 bg-white p-5">
        <legend className="px-2 text-std-18B-160">LINEで送る文面</legend>
        <div className="rounded-8 bg-solid-gray-50 p-4 text-std-16N-170">
          <p className="text-std-16B-170">文面に書ける差し込み項目</p>
          <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-4">
            {PLACEHOLDERS.map(([code, meaning]) => (
              <div key={code} className="contents">
                <dt className="font-mono">{code}</dt>
                <dd>{meaning}</dd>
              </div>
            ))}
          </dl>
        </div>
        {MESSAGE_TEMPLATE_KEYS.map((key) => (
          <TextareaField key={key} label={TEMPLATE_LABELS[key]} rows={4} required {...form.register(`templates.${key}`)} error={message(`templates.${key}`)} />
        ))}
      </fieldset>

      <fieldset className="flex flex-col gap-4 rounded-8 border border-solid-gray-200 bg-white p-5">
        <legend className="px-2 text-std-18B-160">ポイントの受け取り方（電子マネー）</legend>
        <InputField label="電子マネーの名前" {...form.register("emoneyName")} error={message("emoneyName")} hint="例: とうまポイントカード。申込みの確認画面と受付のLINEで、住民に知らせます" />
        <TextareaField
          label="アカウントの作り方"
          rows={3}
          {...form.register("emoneyGuidance")}
          error={message("emoneyGuidance")}
          hint="例: 町内の加盟店か役場1階の窓口で、本人確認書類を見せて作れます。付与の前に作ってください"
        />
      </fieldset>

      {TRANSLATED_LOCALES.map((locale) => (
        <fieldset key={locale} className="flex flex-col gap-4 rounded-8 border border-solid-gray-200 bg-white p-5" lang={locale === "en" ? "en" : "ja"}>
          <legend className="px-2 text-std-18B-160" lang="ja">
            {TRANSLATED_LOCALE_LABELS[locale]}の表示と文面（空欄なら標準の文面・日本語の事業名）
          </legend>
          <InputField
            label={`表示名（${TRANSLATED_LOCALE_LABELS[locale]}）`}
            {...form.register(`translations.${locale}.name`)}
            error={message(`translations.${locale}.name`)}
            hint={locale === "ja-easy" ? "住民の画面とLINEに出す事業の名前。漢字に読みを付けるときは 漢字{かんじ} と書きます（例: 物価高騰{ぶっかこうとう}支援）" : "住民の画面とLINEに出す事業の名前"}
          />
          <InputField label={`電子マネーの名前（${TRANSLATED_LOCALE_LABELS[locale]}）`} {...form.register(`translations.${locale}.emoneyName`)} error={message(`translations.${locale}.emoneyName`)} />
          <TextareaField label={`アカウントの作り方（${TRANSLATED_LOCALE_LABELS[locale]}）`} rows={3} {...form.register(`translations.${locale}.emoneyGuidance`)} error={message(`translations.${locale}.emoneyGuidance`)} />
          {MESSAGE_TEMPLATE_KEYS.map((key) => (
            <TextareaField
              key={key}
              label={`${TEMPLATE_LABELS[key]}（${TRANSLATED_LOCALE_LABELS[locale]}）`}
              rows={4}
              placeholder={DEFAULT_TRANSLATED_TEMPLATES[locale][key]}
              {...form.register(`translations.${locale}.templates.${key}`)}
              error={message(`translations.${locale}.templates.${key}`)}
            />
          ))}
        </fieldset>
      ))}

      <div className="flex gap-3">
        <Button type="submit" size="lg" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? "保存しています…" : program ? "変更を保存" : "事業を作成"}
        </Button>
      </div>
    </form>
  );
}
