import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { ProgramTabs, type ProgramTab } from "@/components/programs/program-tabs";
import type { BenefitProgram } from "@/db/schema/programs";
import type { Action } from "@/lib/auth/permissions";

export const PROGRAM_STATUS_LABELS = { draft: "準備中", open: "受付中", closed: "受付終了" } as const;
const STATUS_TONES = { draft: "neutral", open: "success", closed: "warning" } as const;

export function ProgramHeader({
  program,
  departmentName,
  current,
  can,
  title,
  actions,
}: {
  program: BenefitProgram;
  departmentName: string;
  current: ProgramTab;
  can: (action: Action) => boolean;
  title: string;
  actions?: ReactNode;
}) {
  return (
    <>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-std-16N-170 text-solid-gray-700">
            {departmentName}・{program.code}
          </p>
          <h1 className="flex flex-wrap items-center gap-3 text-std-28B-150 text-solid-gray-900">
            {program.name}
            <Badge tone={STATUS_TONES[program.status]}>{PROGRAM_STATUS_LABELS[program.status]}</Badge>
          </h1>
          <p className="mt-1 text-std-20B-150 text-solid-gray-800">{title}</p>
        </div>
        {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
      </div>
      <ProgramTabs
        programId={program.id}
        current={current}
        visible={{
          overview: true,
          filings: can("filing.list"),
          duplicates: can("filing.resolve_duplicate"),
          batches: can("grant.batch"),
          report: can("program.report"),
        }}
      />
    </>
  );
}
