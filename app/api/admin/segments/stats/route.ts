import { getDb } from "@/db";
import { csvField, UTF8_BOM } from "@/lib/http/csv";
import { canUseSomewhere } from "@/lib/auth/permissions";
import { getCurrentStaff } from "@/lib/auth/session";
import { getFollowerSeries, getTopicSeries, statsCsvRows } from "@/lib/segments/stats";

/** Follower and topic statistics per day as CSV (UTF-8 with BOM for Excel); counts only, no personal data. */
export async function GET(request: Request): Promise<Response> {
  const actor = await getCurrentStaff();
  if (!actor) return new Response("ログインしてください。", { status: 401, headers: { "content-type": "text/plain; charset=utf-8" } });
  if (!canUseSomewhere(actor, "segment.stats")) return new Response("この操作を行う権限がありません。", { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });
  const days = Math.min(365, Math.max(7, Number(new URL(request.url).searchParams.get("days")) || 90));
  const db = await getDb();
  const rows = statsCsvRows(await getFollowerSeries(db, { days }), await getTopicSeries(db, { days }));
  const body = UTF8_BOM + rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
  return new Response(body, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="follower-stats-${days}d.csv"`, "cache-control": "no-store" } });
}
