"use client";

import { useRouter } from "next/navigation";
import { FormErrorSummary } from "@/components/admin/form-error-summary";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { InputField, SelectField } from "@/components/ui/field";
import { CheckboxField, TextareaField } from "@/components/ui/textarea-field";
import type { Topic } from "@/db/schema/segments";
import { createTopicAction, updateTopicAction } from "@/lib/segments/actions";
import { createTopicSchema, updateTopicSchema } from "@/lib/segments/validations";

type Option = { value: string; label: string };

/** Name and "what it sends" in the three languages residents read; easy Japanese and English fall back to 日本語. */
function TopicFields({ form, errors }: { form: { register: (name: never) => object }; errors: Record<string, { message?: string } | undefined> }) {
  const reg = (name: string) => form.register(name as never);
  return (
    <>
      <InputField label="トピック名" required hint="例: 子育て、防災・防犯（40文字まで）" error={errors.name?.message} {...reg("name")} />
      <TextareaField label="届く内容（住民に表示）" required hint="どんなお知らせが届くかを具体的に。例: 乳幼児健診・予防接種・児童手当のお知らせ" error={errors.description?.message} rows={3} {...reg("description")} />
      <InputField label="トピック名（やさしい日本語）" hint="空欄なら日本語の名前を表示します" error={errors.nameEasy?.message} {...reg("nameEasy")} />
      <TextareaField label="届く内容（やさしい日本語）" error={errors.descriptionEasy?.message} rows={2} {...reg("descriptionEasy")} />
      <InputField label="トピック名（英語）" lang="en" error={errors.nameEn?.message} {...reg("nameEn")} />
      <TextareaField label="届く内容（英語）" lang="en" error={errors.descriptionEn?.message} rows={2} {...reg("descriptionEn")} />
      <InputField label="アイコン（絵文字1つ）" required error={errors.icon?.message} className="max-w-24" {...reg("icon")} />
      <InputField label="並び順" required type="number" inputMode="numeric" hint="小さい順に表示します" error={errors.sortOrder?.message} className="max-w-32" {...reg("sortOrder")} />
      <CheckboxField label="新しい友だちは最初から受け取る（初期値オン）" hint="まだ選んでいない住民にも、この設定が適用されます" error={errors.defaultOn?.message} {...reg("defaultOn")} />
    </>
  );
}

export function CreateTopicForm({ departments }: { departments: Option[] }) {
  const router = useRouter();
  const { form, submit, formError } = useActionForm({
    schema: createTopicSchema,
    action: createTopicAction,
    defaultValues: { departmentId: departments[0]?.value ?? "", name: "", description: "", icon: "📢", defaultOn: false, sortOrder: 100 },
    onSuccess: () => router.push("/admin/topics"),
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form onSubmit={submit} noValidate className="flex max-w-2xl flex-col gap-5">
      <FormErrorSummary formError={formError} errors={errors} />
      <SelectField label="担当部署" required options={departments} error={errors.departmentId?.message} {...form.register("departmentId")} />
      <TopicFields form={form as never} errors={errors as never} />
      <div>
        <Button type="submit" size="lg" disabled={isSubmitting}>
          {isSubmitting ? "作成しています…" : "トピックを作成"}
        </Button>
      </div>
    </form>
  );
}

export function EditTopicForm({ topic }: { topic: Topic }) {
  const router = useRouter();
  const { form, submit, formError } = useActionForm({
    schema: updateTopicSchema,
    action: updateTopicAction,
    defaultValues: {
      topicId: topic.id,
      name: topic.name,
      nameEasy: topic.nameEasy ?? "",
      nameEn: topic.nameEn ?? "",
      description: topic.description,
      descriptionEasy: topic.descriptionEasy ?? "",
      descriptionEn: topic.descriptionEn ?? "",
      icon: topic.icon,
      defaultOn: topic.defaultOn,
      sortOrder: topic.sortOrder,
      active: topic.active,
    },
    onSuccess: () => router.push("/admin/topics"),
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form onSubmit={submit} noValidate className="flex max-w-2xl flex-col gap-5">
      <FormErrorSummary formError={formError} errors={errors} />
      <TopicFields form={form as never} errors={errors as never} />
      <CheckboxField label="利用中（外すと住民の受信設定に表示されず、配信先にも選べません）" {...form.register("active")} />
      <div>
        <Button type="submit" size="lg" disabled={isSubmitting}>
          {isSubmitting ? "保存しています…" : "保存"}
        </Button>
      </div>
    </form>
  );
}
