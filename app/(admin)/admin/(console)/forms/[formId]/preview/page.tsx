import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { FormWalkthrough } from "@/components/form-filler/form-walkthrough";
import { getDb } from "@/db";
import { canInDepartment } from "@/lib/auth/permissions";
import { requireStaffPage } from "@/lib/auth/session";
import { getFormForPreview } from "@/lib/forms/preview";
import { isResidentLocale, RESIDENT_LOCALE_NAMES, RESIDENT_LOCALES, type ResidentLocale } from "@/lib/i18n/locale";

export const metadata: Metadata = { title: "様式のプレビュー" };
export const dynamic = "force-dynamic";

/** A sample card holder for the identity step: the preview never reads a real resident's card. */
const SAMPLE_IDENTITY = { name: "見本 花子", address: "北海道上川郡当麻町3条東2丁目11番1号", birthDate: "1985-04-01", gender: "female" };

/** Staff preview: the draft (or live) definition exactly as a resident walks through it, in each language; no writes. */
export default async function FormPreviewPage({ params, searchParams }: { params: Promise<{ formId: string }>; searchParams: Promise<{ lang?: string; version?: string }> }) {
  const { formId } = await params;
  const query = await searchParams;
  const actor = await requireStaffPage("form.view");
  if (!/^[0-9a-f-]{36}$/.test(formId)) notFound();
  const form = await getFormForPreview(await getDb(), { formId });
  if (!form) notFound();
  if (!canInDepartment(actor, "form.view", form.departmentId)) forbidden();
  const locale: ResidentLocale = isResidentLocale(query.lang) ? query.lang : "ja";
  const source = query.version === "live" || !form.hasDraft ? "live" : "draft";
  const definition = source === "live" ? form.live : form.draft;
  const href = (next: { lang?: ResidentLocale; version?: "live" | "draft" }) => `/admin/forms/${form.id}/preview?${new URLSearchParams({ lang: next.lang ?? locale, version: next.version ?? source })}`;
  const tab = (active: boolean) => `rounded-8 border-2 px-3 py-1 text-std-16B-170 no-underline ${active ? "border-blue-900 bg-blue-900 text-white" : "border-solid-gray-420 bg-white text-blue-900"}`;
  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-col gap-2">
        <h1 className="text-std-28B-150">様式のプレビュー: {form.title}</h1>
        <p>住民がLINEで見る画面をそのまま表示します。入力しても保存・送信はされません。</p>
      </header>
      <nav aria-label="表示する版" className="flex flex-wrap gap-2">
        {form.hasDraft ? <Link href={href({ version: "draft" })} aria-current={source === "draft" ? "page" : undefined} className={tab(source === "draft")}>編集中の下書き</Link> : null}
        {form.live ? <Link href={href({ version: "live" })} aria-current={source === "live" ? "page" : undefined} className={tab(source === "live")}>公開中（第{form.liveVersion}版）</Link> : null}
      </nav>
      <nav aria-label="表示言語" className="flex flex-wrap gap-2">
        {RESIDENT_LOCALES.map((l) => (
          <Link key={l} href={href({ lang: l })} lang={RESIDENT_LOCALE_NAMES[l].lang} aria-current={l === locale ? "page" : undefined} className={tab(l === locale)}>
            {RESIDENT_LOCALE_NAMES[l].label}
          </Link>
        ))}
      </nav>
      {definition ? (
        <FormWalkthrough key={`${source}-${locale}`} definition={definition} locale={locale} sampleIdentity={SAMPLE_IDENTITY} />
      ) : (
        <p role="alert" className="rounded-8 border-2 border-error-1 p-4">下書きに公開できない内容があるため、プレビューできません。編集画面で内容を確認してください。</p>
      )}
    </div>
  );
}
