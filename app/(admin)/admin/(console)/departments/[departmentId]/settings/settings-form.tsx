"use client";

import { useState } from "react";
import { FormErrorSummary } from "@/components/admin/form-error-summary";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { InputField } from "@/components/ui/field";
import type { Department } from "@/db/schema/departments";
import { departmentSettingsSchema } from "@/lib/departments/validations";
import { updateDepartmentSettingsAction } from "../../actions";

export function DepartmentSettingsForm({ department }: { department: Department }) {
  const [saved, setSaved] = useState(false);
  const { form, submit, formError } = useActionForm({
    schema: departmentSettingsSchema,
    action: async (values) => {
      setSaved(false);
      return updateDepartmentSettingsAction(values);
    },
    defaultValues: { departmentId: department.id, phone: department.phone ?? "", counterHours: department.counterHours ?? "",
      counterHoursEasy: department.counterHoursTranslations?.["ja-easy"] ?? "",
      counterHoursEn: department.counterHoursTranslations?.en ?? "",
    },
    onSuccess: () => setSaved(true),
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form onSubmit={submit} noValidate className="flex max-w-2xl flex-col gap-5">
      <FormErrorSummary formError={formError} errors={errors} />
      {saved ? <Alert tone="success" title="窓口設定を保存しました" /> : null}
      <InputField
        label="電話番号"
        type="tel"
        autoComplete="off"
        hint="ハイフン区切りで入力します（例: 0166-58-2111）。空にすると表示しません。"
        error={errors.phone?.message}
        {...form.register("phone")}
      />
      <InputField
        label="窓口の受付時間"
        hint="例: 平日 8:30〜17:15（土日祝・年末年始を除く）"
        error={errors.counterHours?.message}
        {...form.register("counterHours")}
      />
      <InputField
        label="窓口の受付時間（やさしい日本語）"
        hint="住民のLINE画面（やさしい日本語）に出ます。空にすると上の日本語を出します。例: へいじつ 8:30〜17:15"
        error={errors.counterHoursEasy?.message}
        {...form.register("counterHoursEasy")}
      />
      <InputField
        label="窓口の受付時間（英語）"
        hint="住民のLINE画面（英語）に出ます。空にすると上の日本語を出します。例: Weekdays 8:30–17:15"
        error={errors.counterHoursEn?.message}
        {...form.register("counterHoursEn")}
      />
      <div>
        <Button type="submit" size="lg" disabled={isSubmitting}>
          {isSubmitting ? "保存しています…" : "保存"}
        </Button>
      </div>
    </form>
  );
}
