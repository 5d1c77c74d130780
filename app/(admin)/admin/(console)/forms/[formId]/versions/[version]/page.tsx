import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { formDefinitionSchema } from "@/lib/forms/definition";
import { type DiffChange, diffDefinitions } from "@/lib/forms/diff";
import { loadFormPage } from "../../../load-form";
import { RevertButton } from "../../form-actions";

export const metadata: Metadata = { title: "版の差分" };

const CHANGE = { added: { label: "追加", tone: "success" }, removed: { label: "削除", tone: "error" }, changed: { label: "変更", tone: "info" } } as const satisfies Record<DiffChange, { label: string; tone: string }>;

export default async function VersionDiffPage({ params, searchParams }: { params: Promise<{ formId: string; version: string }>; searchParams: Promise<{ against?: string }> }) {
  const { formId, version: raw } = await params;
  const { against = "draft" } = await searchParams;
  const { form, draft, live, versions, canManage, status } = await loadFormPage(formId);
  const version = versions.find((v) => String(v.version) === raw);
  if (!version) notFound();
  const other = against === "live" ? (live ? { name: `公開中の第${live.version}版`, definition: live.definition } : null) : draft ? { name: "下書き", definition: draft } : null;
  const back = (
    <Link href={`/admin/forms/${form.id}`} className="text-std-16N-170 text-blue-1000 underline">
      様式の概要へ戻る
    </Link>
  );
  if (!other) {
    return (
      <>
        <PageHeader title={`第${version.version}版の差分`} actions={back} />
        <p>{against === "live" ? "公開中の版はありません。" : "比べる下書きがありません。"}</p>
      </>
    );
  }
  // A draft saved by an older editor may not parse; compare what can be read rather than fail the page.
  const parsed = formDefinitionSchema.safeParse(other.definition);
  const entries = diffDefinitions(version.definition, parsed.success ? parsed.data : other.definition);
  return (
    <>
      <PageHeader title={`第${version.version}版 → ${other.name}`} description={`${form.title}：第${version.version}版（${version.publishedBy ?? "—"} が公開）から${other.name}への変更です。`} actions={back} />
      {entries.length === 0 ? (
        <p className="rounded-8 border border-solid-gray-200 bg-white p-6">違いはありません。</p>
      ) : (
        <div className="overflow-x-auto rounded-8 border border-solid-gray-200 bg-white">
          <table className="w-full border-collapse text-left text-std-16N-170">
            <caption className="sr-only">{`第${version.version}版と${other.name}の差分（${entries.length}件）`}</caption>
            <thead className="bg-solid-gray-50">
              <tr>
                {["種類", "場所", "内容", "変更前", "変更後"].map((h) => (
                  <th key={h} scope="col" className="border-b border-solid-gray-200 px-4 py-3 text-std-16B-170">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {entries.map((entry, i) => (
                <tr key={i} className="border-b border-solid-gray-100 align-top last:border-b-0">
                  <td className="px-4 py-3">
                    <Badge tone={CHANGE[entry.change].tone}>{CHANGE[entry.change].label}</Badge>
                  </td>
                  <td className="px-4 py-3">{entry.where}</td>
                  <td className="px-4 py-3">{entry.what}</td>
                  <td className="px-4 py-3 whitespace-pre-wrap">{entry.before ?? ""}</td>
                  <td className="px-4 py-3 whitespace-pre-wrap">{entry.after ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canManage && status !== "archived" ? (
        <div className="mt-6">
          <RevertButton formId={form.id} version={version.version} hasDraft={Boolean(draft)} />
        </div>
      ) : null}
    </>
  );
}
