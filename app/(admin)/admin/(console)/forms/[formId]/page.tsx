import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/admin/format";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { formDefinitionSchema } from "@/lib/forms/definition";
import { publishProblems } from "@/lib/forms/publish-checks";
import { loadFormPage } from "../load-form";
import { FormStatusBadge } from "../status-badge";
import { CopyForm, PublishArchive, RevertButton } from "./form-actions";

export const metadata: Metadata = { title: "電子申請の様式" };

const link = "text-std-16N-170 text-blue-1000 underline";

/** What would stop the saved draft from being published, shown before staff press 公開. */
function draftProblems(draft: unknown): string[] {
  const parsed = formDefinitionSchema.safeParse(draft);
  return parsed.success ? publishProblems(parsed.data) : parsed.error.issues.map((issue) => issue.message);
}

export default async function FormPage({ params }: { params: Promise<{ formId: string }> }) {
  const { formId } = await params;
  const { form, departmentName, draft, live, versions, status, canManage } = await loadFormPage(formId);
  const problems = draft ? draftProblems(draft) : [];
  const archived = status === "archived";
  return (
    <>
      <PageHeader
        title={form.title}
        description={`${departmentName}・様式コード ${form.code}`}
        actions={
          <>
            {canManage && !archived ? (
              <Link href={`/admin/forms/${form.id}/edit`} className={buttonClasses()}>
                {draft ? "下書きを編集" : "編集して下書きを作る"}
              </Link>
            ) : null}
            <Link href={`/admin/forms/${form.id}/preview`} className={buttonClasses({ variant: "secondary" })}>
              プレビュー
            </Link>
          </>
        }
      />
      <div className="flex flex-col gap-8">
        <section aria-labelledby="state-heading" className="flex flex-col gap-3">
          <h2 id="state-heading" className="text-std-20B-150">状態</h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-std-16N-170">
            <dt className="text-std-16B-170">状態</dt>
            <dd><FormStatusBadge status={status} /></dd>
            <dt className="text-std-16B-170">公開中の版</dt>
            <dd>{live ? `第${live.version}版` : "—"}</dd>
            <dt className="text-std-16B-170">下書き</dt>
            <dd>{draft ? `あり（${formatDateTime(form.draftUpdatedAt)} 保存）` : "なし"}</dd>
          </dl>
          {draft && live ? (
            <p>
              <Link href={`/admin/forms/${form.id}/versions/${live.version}?against=draft`} className={link}>
                公開中の第{live.version}版と下書きの差分を見る
              </Link>
            </p>
          ) : null}
        </section>

        {canManage && !archived ? (
          <section aria-labelledby="publish-heading" className="flex flex-col gap-3">
            <h2 id="publish-heading" className="text-std-20B-150">公開と廃止</h2>
            {draft && problems.length > 0 ? (
              <Alert tone="info" title={`このままでは公開できません（${problems.length}件）`}>
                <ul className="list-disc pl-6">
                  {problems.map((problem) => (
                    <li key={problem}>{problem}</li>
                  ))}
                </ul>
              </Alert>
            ) : null}
            {!draft ? <p>公開する下書きはありません。編集して保存すると公開できます。</p> : null}
            <PublishArchive formId={form.id} canPublish={Boolean(draft)} canArchive={Boolean(form.liveVersionId)} />
          </section>
        ) : null}

        <section aria-labelledby="versions-heading" className="flex flex-col gap-3">
          <h2 id="versions-heading" className="text-std-20B-150">版の履歴</h2>
          {versions.length === 0 ? (
            <p>まだ公開された版はありません。</p>
          ) : (
            <div className="overflow-x-auto rounded-8 border border-solid-gray-200 bg-white">
              <table className="w-full border-collapse text-left text-std-16N-170">
                <caption className="sr-only">版の履歴</caption>
                <thead className="bg-solid-gray-50">
                  <tr>
                    {["版", "公開日時", "公開した職員", "差分", ...(canManage && !archived ? ["下書きに戻す"] : [])].map((h) => (
                      <th key={h} scope="col" className="border-b border-solid-gray-200 px-4 py-3 text-std-16B-170">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {versions.map((v) => (
                    <tr key={v.id} className="border-b border-solid-gray-100 last:border-b-0">
                      <td className="px-4 py-3">
                        第{v.version}版{v.id === form.liveVersionId ? "（公開中）" : ""}
                      </td>
                      <td className="px-4 py-3">{formatDateTime(v.publishedAt)}</td>
                      <td className="px-4 py-3">{v.publishedBy ?? "—"}</td>
                      <td className="px-4 py-3">
                        <span className="flex flex-wrap gap-x-4">
                          {draft ? (
                            <Link href={`/admin/forms/${form.id}/versions/${v.version}?against=draft`} className={link}>
                              第{v.version}版と下書き
                            </Link>
                          ) : null}
                          {live && live.version !== v.version ? (
                            <Link href={`/admin/forms/${form.id}/versions/${v.version}?against=live`} className={link}>
                              第{v.version}版と公開中の版
                            </Link>
                          ) : null}
                        </span>
                      </td>
                      {canManage && !archived ? (
                        <td className="px-4 py-3">
                          <RevertButton formId={form.id} version={v.version} hasDraft={Boolean(draft)} />
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>

        {canManage ? (
          <section aria-labelledby="copy-heading" className="flex flex-col gap-3">
            <h2 id="copy-heading" className="text-std-20B-150">複製</h2>
            <p>下書き（なければ公開中の版）の内容で、同じ部署に新しい様式を作ります。</p>
            <CopyForm formId={form.id} />
          </section>
        ) : null}
      </div>
    </>
  );
}
