import { attachment, failureResponse } from "@/app/api/admin/programs/_lib/respond";
import { runGuarded } from "@/lib/auth/guard";
import { getCurrentStaff, getRequestId } from "@/lib/auth/session";
import { encodeReconciliationCsv, exportPaymentReconciliation, reconciliationCsvText } from "@/lib/forms/reconciliation";

export const dynamic = "force-dynamic";

/** ?departmentId=&day=YYYY-MM-DD&encoding=shift_jis|utf-8: the day's payments as CSV (Shift_JIS, or UTF-8 with BOM). */
export async function GET(request: Request): Promise<Response> {
  const search = new URL(request.url).searchParams;
  const input = { departmentId: search.get("departmentId"), day: search.get("day"), encoding: search.get("encoding") };
  const result = await runGuarded({ actor: await getCurrentStaff(), requestId: await getRequestId() }, exportPaymentReconciliation, input);
  if (!result.ok) return failureResponse(result);
  const file = encodeReconciliationCsv(reconciliationCsvText(result.data), result.data.encoding);
  if (!file.ok) return failureResponse({ ok: false, status: 400, error: file.error });
  const day = result.data.day.replaceAll("-", "");
  const suffix = result.data.encoding === "shift_jis" ? "sjis" : "utf8";
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": `text/csv; charset=${result.data.encoding === "shift_jis" ? "Shift_JIS" : "utf-8"}`,
      "Content-Disposition": attachment(`payments-${day}-${suffix}.csv`, `決済の照合_${day}_${suffix}.csv`),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
