import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { z } from "zod";
import { CounterFormEntry } from "@/components/submissions/counter-form-entry";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { canInDepartment } from "@/lib/auth/permissions";
import { requireStaffPage } from "@/lib/auth/session";
import { textIn } from "@/lib/forms/definition";
import { getLiveFormForCounter } from "@/lib/forms/review-queries";

export const metadata: Metadata = { title: "窓口での申請の入力" };

export default async function CounterFormPage({ params }: { params: Promise<{ formId: string }> }) {
  const actor = await requireStaffPage("form.counter");
  const { formId } = await params;
  if (!z.uuid().safeParse(formId).success) notFound();
  const form = await getLiveFormForCounter(await getDb(), { formId });
  if (!form) notFound();
  if (!canInDepartment(actor, "form.counter", form.departmentId)) forbidden();
  return (
    <>
      <PageHeader title={textIn(form.definition.title, "ja")} description={`窓口での入力（第${form.version}版）。申請書の記載どおりに入力し、「入力内容を確認」を押してください。`} />
      <nav className="mb-4">
        <Link href="/admin/counter/forms">← 様式の選択へ戻る</Link>
      </nav>
      {form.definition.description ? <Alert tone="info" title={form.definition.description.ja} /> : null}
      <div className="mt-4 max-w-3xl">
        <CounterFormEntry formId={form.id} definition={form.definition} />
      </div>
    </>
  );
}
