import { attachment, failureResponse } from "@/app/api/admin/programs/_lib/respond";
import { jstToday } from "@/lib/dates/jst";
import { runGuarded } from "@/lib/auth/guard";
import { getCurrentStaff, getRequestId } from "@/lib/auth/session";
import { UnencodableCharacterError } from "@/lib/http/shift-jis";
import { submissionCsv } from "@/lib/forms/review-csv";
import { submissionQueueInput } from "@/lib/forms/review-validations";
import { exportSubmissions } from "@/lib/forms/review-views";

export const dynamic = "force-dynamic";

/** GET /api/admin/submissions/export?…queue filters…&encoding=utf-8|shift_jis: the filtered list as CSV. */
export async function GET(request: Request): Promise<Response> {
  const search = new URL(request.url).searchParams;
  const { cursor: _cursor, limit: _limit, ...filters } = submissionQueueInput(search);
  const encoding = search.get("encoding") === "shift_jis" ? "shift_jis" : "utf-8";
  const result = await runGuarded({ actor: await getCurrentStaff(), requestId: await getRequestId() }, exportSubmissions, { ...filters, encoding });
  if (!result.ok) return failureResponse(result);
  let body: Buffer;
  try {
    body = submissionCsv(result.data, encoding);
  } catch (error) {
    if (!(error instanceof UnencodableCharacterError)) throw error;
    return failureResponse({ ok: false, status: 409, error: `${error.message}。UTF-8（BOM付き）で出力してください。` });
  }
  const day = jstToday().replaceAll("-", "");
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": encoding === "shift_jis" ? "text/csv; charset=Shift_JIS" : "text/csv; charset=utf-8",
      "Content-Disposition": attachment(`submissions-${day}.csv`, `電子申請の一覧_${day}.csv`),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
