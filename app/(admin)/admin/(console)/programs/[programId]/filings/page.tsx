import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { RefusedRequest } from "@/components/admin/refused-request";
import { FilingQueueTable } from "@/components/filings/filing-queue-table";
import { ALL_STATUSES, queueFilterQuery, queueInputFromSearchParams } from "@/components/filings/queue-params";
import { runAsCurrentStaff } from "@/lib/auth/session";
import { encodeQueueCursor, queueParamsSchema } from "@/lib/filings/validations";
import { listFilingQueue } from "@/lib/filings/views";
import { loadProgramPage } from "../../load-program";
import { ProgramHeader } from "../../program-header";

export const metadata: Metadata = { title: "申請の審査" };

export default async function FilingQueuePage({
  params,
  searchParams,
}: {
  params: Promise<{ programId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { programId } = await params;
  const { program, department, can } = await loadProgramPage(programId, "filing.list");
  const raw = await searchParams;
  const input = queueInputFromSearchParams(program.id, raw);
  // Audited: the queue shows names and addresses.
  const result = await runAsCurrentStaff(listFilingQueue, input);
  if (!result.ok) {
    if (result.status === 403) forbidden();
    if (result.status !== 400) throw new Error(result.error);
    return (
      <>
        <ProgramHeader program={program} departmentName={department.name} current="filings" can={can} title="申請の審査" />
        <RefusedRequest failure={result} resetHref={`/admin/programs/${program.id}/filings`} />
      </>
    );
  }
  const applied = queueParamsSchema.parse(input);
  const one = (name: string) => (typeof raw[name] === "string" ? (raw[name] as string) : undefined);
  return (
    <>
      <ProgramHeader program={program} departmentName={department.name} current="filings" can={can} title="申請の審査" />
      <FilingQueueTable
        programId={program.id}
        rows={result.data.rows}
        nextCursor={result.data.nextCursor ? encodeQueueCursor(result.data.nextCursor) : null}
        previousCursor={result.data.previousCursor ? encodeQueueCursor(result.data.previousCursor) : null}
        onFirstPage={!applied.cursor}
        canDecide={can("filing.decide")}
        filingQuery={queueFilterQuery(raw)}
        filters={{
          status: applied.status ?? ALL_STATUSES,
          channel: applied.channel,
          duplicate: applied.duplicate === undefined ? undefined : applied.duplicate ? "yes" : "no",
          from: one("from"),
          to: one("to"),
          q: applied.q,
          dir: applied.dir,
          limit: applied.limit,
        }}
      />
    </>
  );
}
