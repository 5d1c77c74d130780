import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { DuplicateGroups } from "@/components/filings/duplicate-group";
import { DuplicateScanButton } from "@/components/filings/duplicate-scan-button";
import { runAsCurrentStaff } from "@/lib/auth/session";
import { viewDuplicateGroups } from "@/lib/filings/views";
import { DUPLICATE_SCREEN_FLAGGED_LIMIT, countFlaggedFilings, getLastDuplicateScan, refreshDuplicateFlags } from "@/lib/filings/duplicates";
import { formatDateTime } from "@/components/admin/format";
import { getDb } from "@/db";
import { loadProgramPage } from "../../load-program";
import { ProgramHeader } from "../../program-header";

export const metadata: Metadata = { title: "重複の確認" };

export default async function DuplicatesPage({ params }: { params: Promise<{ programId: string }> }) {
  const { programId } = await params;
  const { program, department, can } = await loadProgramPage(programId, "filing.resolve_duplicate");
  // Flags whatever changed since the last scan first, so the screen never shows a stale 「疑いはありません」.
  const refreshed = await runAsCurrentStaff(refreshDuplicateFlags, { programId: program.id });
  // Audited: the groups show names, addresses and birth dates side by side.
  const result = await runAsCurrentStaff(viewDuplicateGroups, { programId: program.id });
  const db = await getDb();
  const lastScan = await getLastDuplicateScan(db, { programId: program.id });
  const flaggedTotal = await countFlaggedFilings(db, { programId: program.id });
  if (!result.ok) {
    if (result.status === 403) forbidden();
    throw new Error(result.error);
  }
  return (
    <>
      <ProgramHeader program={program} departmentName={department.name} current="duplicates" can={can} title="重複の確認" />
      <div className="mb-6 flex flex-col gap-2 rounded-8 border border-solid-gray-200 bg-white p-5 text-std-16N-170">
        <p>
          同じ世帯からの重複申請は、受付の時点で止めています。ここでは名簿と完全には一致しない申請のうち、同じ住所で代表者の名前が似ているものを確認します。
        </p>
        <p className="text-std-16B-170">世帯全体を却下することはありません。1件を残し、ほかの申請だけを取りまとめます。</p>
        <p data-testid="duplicate-last-scan">
          最後の確認: {formatDateTime(lastScan, "まだありません")}
          {refreshed.ok ? `（この画面を開いたときに${refreshed.data.mode === "full" ? "すべての申請" : `前回から変わった${refreshed.data.checked}件の申請`}を確認しました）` : ""}
        </p>
        <DuplicateScanButton programId={program.id} />
      </div>
      {flaggedTotal > DUPLICATE_SCREEN_FLAGGED_LIMIT ? (
        <p className="mb-4 text-std-16N-170" data-testid="duplicate-more">
          重複の疑いがある申請は全部で{flaggedTotal}件です。受付の古い順に{DUPLICATE_SCREEN_FLAGGED_LIMIT}件までの組を表示しています。整理すると次の組が表示されます。
        </p>
      ) : null}
      <DuplicateGroups groups={result.data} />
    </>
  );
}

