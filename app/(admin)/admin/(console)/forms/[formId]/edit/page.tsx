import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { loadFormPage } from "../../load-form";
import { FormEditor } from "./form-editor";

export const metadata: Metadata = { title: "様式の編集" };

export default async function EditFormPage({ params }: { params: Promise<{ formId: string }> }) {
  const { formId } = await params;
  const { form, draft, live } = await loadFormPage(formId, "form.manage");
  const back = (
    <Link href={`/admin/forms/${form.id}`} className="text-std-16N-170 text-blue-1000 underline">
      様式の概要へ戻る
    </Link>
  );
  if (form.archivedAt) {
    return (
      <>
        <PageHeader title={`${form.title}の編集`} />
        <Alert tone="info" title="廃止した様式は編集できません。">
          <p>概要の画面から複製して、新しい様式として作り直してください。</p>
        </Alert>
        <p className="mt-4">{back}</p>
      </>
    );
  }
  const definition = draft ?? live!.definition;
  return (
    <>
      <PageHeader
        title={`${form.title}の編集`}
        description={draft ? "保存した下書きを編集しています。公開すると新しい版になります。" : `公開中の第${live!.version}版をもとに下書きを作ります。保存しても公開中の版は変わりません。`}
        actions={back}
      />
      <FormEditor formId={form.id} definition={definition} />
    </>
  );
}
