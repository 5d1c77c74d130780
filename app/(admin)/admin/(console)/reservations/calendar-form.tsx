"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { InputField, SelectField } from "@/components/ui/field";
import { CheckboxField } from "@/components/ui/textarea-field";
import { zodFieldErrorsOf } from "@/lib/reservations/field-errors";
import { createCalendarAction, updateCalendarAction } from "@/lib/reservations/actions";
import { calendarSchema } from "@/lib/reservations/validations";

export type CalendarFormValues = z.input<typeof calendarSchema>;
type Question = CalendarFormValues["questions"][number];
const WEEKDAYS = ["日", "月", "火", "水", "木", "金", "土"];
const NUMBER_FIELDS = [
  ["slotMinutes", "1枠の長さ（分）"],
  ["capacity", "1枠の定員"],
  ["opensDaysBefore", "受付開始（何日前から）"],
  ["closesHoursBefore", "受付締切（何時間前まで）"],
  ["cancelHoursBefore", "取り消し期限（何時間前まで）"],
  ["perResidentLimit", "1人が持てる予約の数"],
  ["reminderHour", "前日のお知らせの時刻（時）"],
  ["waitlistOfferMinutes", "キャンセル待ちの案内の有効時間（分）"],
] as const;

/** Calendar settings; the same zod schema checks the form here and the operation on the server. */
export function CalendarForm({ departments, initial, calendarId }: { departments: { id: string; name: string }[]; initial: CalendarFormValues; calendarId?: string }) {
  const router = useRouter();
  const [values, setValues] = useState<CalendarFormValues>(initial);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const set = <K extends keyof CalendarFormValues>(key: K, value: CalendarFormValues[K]) => setValues({ ...values, [key]: value });
  const setQuestion = (i: number, q: Partial<Question>) => set("questions", values.questions.map((old, j) => (i === j ? { ...old, ...q } : old)));
  const err = (key: string) => errors[key]?.[0];

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setFormError(null);
    const parsed = calendarSchema.safeParse(values);
    if (!parsed.success) {
      setErrors(zodFieldErrorsOf(parsed.error));
      setFormError("入力内容に誤りがあります。赤字の項目を確認してください。");
      return;
    }
    setPending(true);
    const result = calendarId ? await updateCalendarAction({ ...values, calendarId }) : await createCalendarAction(values);
    setPending(false);
    if (!result.ok) {
      setErrors(result.fieldErrors ?? {});
      setFormError(result.error);
      return;
    }
    router.push(`/admin/reservations/${result.data.calendarId}`);
  }

  return (
    <form className="flex max-w-3xl flex-col gap-4" onSubmit={submit} noValidate>
      {formError ? <Alert tone="error" title={formError} /> : null}
      <SelectField label="担当部署" value={values.departmentId} onChange={(e) => set("departmentId", e.target.value)} options={departments.map((d) => ({ value: d.id, label: d.name }))} error={err("departmentId")} required />
      <InputField label="名称" value={values.name} onChange={(e) => set("name", e.target.value)} error={err("name")} required />
      <SelectField label="種類" value={values.kind} onChange={(e) => set("kind", e.target.value as CalendarFormValues["kind"])} options={[{ value: "checkup", label: "健診" }, { value: "facility", label: "施設" }]} required />
      <InputField label="場所" value={values.location} onChange={(e) => set("location", e.target.value)} error={err("location")} required />
      <InputField label="説明（住民に表示）" value={values.description ?? ""} onChange={(e) => set("description", e.target.value)} error={err("description")} />
      <fieldset className="flex flex-col gap-1">
        <legend className="text-std-16B-170">受け付ける曜日</legend>
        <div className="flex flex-wrap gap-4">
          {WEEKDAYS.map((w, i) => (
            <CheckboxField key={w} id={`weekday-${i}`} label={w} checked={values.weekdays.includes(i)} onChange={(e) => set("weekdays", e.target.checked ? [...values.weekdays, i].sort() : values.weekdays.filter((d) => d !== i))} />
          ))}
        </div>
        {err("weekdays") ? <p className="text-std-16B-170 text-error-2">{err("weekdays")}</p> : null}
      </fieldset>
      <div className="grid gap-4 md:grid-cols-2">
        <InputField label="開始時刻" type="time" value={values.dayStart} onChange={(e) => set("dayStart", e.target.value)} error={err("dayStart")} required />
        <InputField label="終了時刻" type="time" value={values.dayEnd} onChange={(e) => set("dayEnd", e.target.value)} error={err("dayEnd")} required />
        {NUMBER_FIELDS.map(([key, label]) => (
          <InputField key={key} label={label} type="number" inputMode="numeric" value={String(values[key])} onChange={(e) => set(key, Number(e.target.value))} error={err(key)} required />
        ))}
        <InputField label="無断キャンセルの上限（空欄で上限なし）" type="number" inputMode="numeric" value={values.noShowLimit === null ? "" : String(values.noShowLimit)} onChange={(e) => set("noShowLimit", e.target.value === "" ? null : Number(e.target.value))} error={err("noShowLimit")} />
      </div>
      <CheckboxField id="skip-holidays" label="祝日は受け付けない" checked={values.skipHolidays} onChange={(e) => set("skipHolidays", e.target.checked)} />
      <CheckboxField id="requires-jpki" label="マイナンバーカードでの本人確認を必須にする" checked={values.requiresJpki} onChange={(e) => set("requiresJpki", e.target.checked)} />
      <fieldset className="flex flex-col gap-3 rounded-8 border border-solid-gray-200 p-4">
        <legend className="px-1 text-std-16B-170">予約時の質問</legend>
        {values.questions.map((q, i) => (
          <div key={i} className="grid gap-2 border-b border-solid-gray-100 pb-3 md:grid-cols-2">
            <InputField label={`質問${i + 1}の番号（英小文字）`} value={q.id} onChange={(e) => setQuestion(i, { id: e.target.value })} error={err(`questions.${i}.id`)} />
            <InputField label={`質問${i + 1}`} value={q.label} onChange={(e) => setQuestion(i, { label: e.target.value })} error={err(`questions.${i}.label`)} />
            <InputField label="選択肢（「、」区切り。空欄なら自由記述）" value={(q.options ?? []).join("、")} onChange={(e) => setQuestion(i, { options: e.target.value ? e.target.value.split(/[、,]/) : undefined })} />
            <div className="flex items-end gap-4">
              <CheckboxField id={`q-required-${i}`} label="必須" checked={q.required} onChange={(e) => setQuestion(i, { required: e.target.checked })} />
              <Button size="sm" variant="ghost" onClick={() => set("questions", values.questions.filter((_, j) => j !== i))}>
                削除
              </Button>
            </div>
          </div>
        ))}
        <Button size="sm" variant="secondary" onClick={() => set("questions", [...values.questions, { id: `q${values.questions.length + 1}`, label: "", required: false }])}>
          質問を追加
        </Button>
      </fieldset>
      <div>
        <Button type="submit" disabled={pending}>
          {calendarId ? "変更を保存" : "カレンダーを作成"}
        </Button>
      </div>
    </form>
  );
}
