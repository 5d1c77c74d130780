import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/admin/format";
import { LetterReprintForm } from "@/components/programs/letter-reprint-form";
import { ProgramStatusButton } from "@/components/programs/program-status-button";
import { RosterImportForm } from "@/components/programs/roster-import-form";
import { buttonClasses } from "@/components/ui/button";
import { wareki } from "@/components/filings/labels";
import { getDb } from "@/db";
import { getLatestRosterImport } from "@/lib/programs/queries";
import { getProgramReport } from "@/lib/programs/report";
import { loadProgramPage } from "../load-program";
import { ProgramHeader } from "../program-header";

export const metadata: Metadata = { title: "給付事業" };

function Section({ title, children, id }: { title: string; children: React.ReactNode; id?: string }) {
  return (
    <section aria-labelledby={id} className="rounded-8 border border-solid-gray-200 bg-white p-5">
      <h2 id={id} className="mb-3 text-std-20B-150">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default async function ProgramPage({ params }: { params: Promise<{ programId: string }> }) {
  const { programId } = await params;
  const { program, department, can } = await loadProgramPage(programId, "program.report");
  const db = await getDb();
  // Counts only (no personal data), so the page reads them without an audit entry.
  const [report, latestImport] = await Promise.all([getProgramReport(db, { programId }), getLatestRosterImport(db, { programId })]);
  const manage = can("program.manage");
  const channels = [program.acceptsLine ? `LINE${program.lineRequiresJpki ? "（マイナンバーカードで本人確認）" : ""}` : null, program.acceptsCounter ? "窓口" : null]
    .filter(Boolean)
    .join("・");

  return (
    <>
      <ProgramHeader
        program={program}
        departmentName={department.name}
        current="overview"
        can={can}
        title="概要・名簿"
        actions={
          manage ? (
            <>
              <Link href={`/admin/programs/${program.id}/edit`} className={buttonClasses({ variant: "secondary" })}>
                設定を変更
              </Link>
              <ProgramStatusButton programId={program.id} status={program.status} />
            </>
          ) : null
        }
      />
      <div className="grid gap-6 xl:grid-cols-2">
        <Section title="事業の設定" id="settings">
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-std-16N-170">
            <dt className="text-std-16B-170">1人あたり</dt>
            <dd>{program.pointsPerPerson.toLocaleString("ja-JP")}ポイント</dd>
            <dt className="text-std-16B-170">基準日</dt>
            <dd>{wareki(program.referenceDate)}</dd>
            <dt className="text-std-16B-170">受付期間</dt>
            <dd>
              {formatDateTime(program.filingOpensAt)} 〜 {formatDateTime(program.filingClosesAt)}
            </dd>
            <dt className="text-std-16B-170">申請の方法</dt>
            <dd>{channels}</dd>
          </dl>
        </Section>
        <Section title="申請の状況" id="status">
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-std-16N-170">
            <dt className="text-std-16B-170">対象世帯</dt>
            <dd>{report.households.toLocaleString("ja-JP")}世帯</dd>
            <dt className="text-std-16B-170">申請</dt>
            <dd>
              {report.totalFilings.toLocaleString("ja-JP")}件（LINE {report.byChannel.line.toLocaleString("ja-JP")}・窓口{" "}
              {report.byChannel.counter.toLocaleString("ja-JP")}）
            </dd>
            <dt className="text-std-16B-170">審査待ち</dt>
            <dd>{report.byStatus.submitted.toLocaleString("ja-JP")}件</dd>
            <dt className="text-std-16B-170">給付済み</dt>
            <dd>
              {report.byStatus.granted.toLocaleString("ja-JP")}件（{report.grantedPoints.toLocaleString("ja-JP")}ポイント）
            </dd>
          </dl>
        </Section>
        <Section title="対象世帯の名簿" id="roster">
          <p className="mb-4 text-std-16N-170">
            {latestImport
              ? `最終取込: ${formatDateTime(latestImport.importedAt)}（${latestImport.fileName}、${latestImport.households.toLocaleString("ja-JP")}世帯・${latestImport.members.toLocaleString("ja-JP")}人）`
              : "名簿はまだ取り込まれていません。"}
          </p>
          {manage ? (
            <RosterImportForm programId={program.id} />
          ) : (
            <p className="text-std-16N-170 text-solid-gray-700">名簿の取込は部署管理者が行います。</p>
          )}
        </Section>
        {manage ? (
          <Section title="郵送する案内状" id="letters">
            <p className="mb-4 text-std-16N-170">
              全世帯分の案内状（A4、1世帯1ページ）を1つのPDFで作成します。LINE公式アカウントのQRコード、申請の手順、世帯ごとの照会番号、窓口の案内が入ります。
              出力は監査ログに記録されます。
            </p>
            {report.households > 0 ? (
              <div className="flex flex-col gap-5">
                <div>
                  <a href={`/api/admin/programs/${program.id}/letters`} className={buttonClasses({ variant: "secondary" })} download>
                    案内状のPDFをダウンロード（{report.households.toLocaleString("ja-JP")}世帯）
                  </a>
                </div>
                <LetterReprintForm programId={program.id} />
              </div>
            ) : (
              <p className="text-std-16N-170 text-solid-gray-700">名簿を取り込むと作成できます。</p>
            )}
          </Section>
        ) : null}
      </div>
    </>
  );
}
