import { InputField } from "@/components/ui/field";

/** The review queues' 申請日 range filter: named from/to date fields for DataTableFilters (whole days in Japan time). */
export function SubmittedRangeFields({ from, to }: { from?: string; to?: string }) {
  return (
    <>
      <div className="w-44">
        <InputField label="申請日（から）" name="from" type="date" defaultValue={from ?? ""} />
      </div>
      <div className="w-44">
        <InputField label="申請日（まで）" name="to" type="date" defaultValue={to ?? ""} />
      </div>
    </>
  );
}
