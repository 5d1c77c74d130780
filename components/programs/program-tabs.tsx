import Link from "next/link";

export type ProgramTab = "overview" | "filings" | "duplicates" | "batches" | "report";

const TABS: { id: ProgramTab; label: string; path: string }[] = [
  { id: "overview", label: "概要・名簿", path: "" },
  { id: "filings", label: "申請の審査", path: "/filings" },
  { id: "duplicates", label: "重複の確認", path: "/duplicates" },
  { id: "batches", label: "給付バッチ", path: "/batches" },
  { id: "report", label: "集計", path: "/report" },
];

/** The program's sections; tabs the role cannot use are left out rather than shown disabled. */
export function ProgramTabs({ programId, current, visible }: { programId: string; current: ProgramTab; visible: Record<ProgramTab, boolean> }) {
  return (
    <nav aria-label="事業のメニュー" className="mb-6 border-b border-solid-gray-200">
      <ul className="flex flex-wrap gap-1">
        {TABS.filter((tab) => visible[tab.id]).map((tab) => (
          <li key={tab.id}>
            <Link
              href={`/admin/programs/${programId}${tab.path}`}
              aria-current={tab.id === current ? "page" : undefined}
              className={`inline-flex min-h-12 items-center border-b-4 px-4 text-std-16B-170 no-underline ${
                tab.id === current ? "border-blue-900 text-blue-1000" : "border-transparent text-solid-gray-800 hover:border-solid-gray-420"
              }`}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
