import { attachment, failureResponse } from "@/app/api/admin/programs/_lib/respond";
import { runGuarded } from "@/lib/auth/guard";
import { getCurrentStaff, getRequestId } from "@/lib/auth/session";
import { exportBookings, exportFigures } from "@/lib/reservations/export";

export const dynamic = "force-dynamic";

/** ?kind=bookings&from=&to= (the booking list) or ?kind=figures&from=&weeks= (weekly figures): CSV, UTF-8 with BOM. */
export async function GET(request: Request, { params }: { params: Promise<{ calendarId: string }> }): Promise<Response> {
  const { calendarId } = await params;
  const search = new URL(request.url).searchParams;
  const context = { actor: await getCurrentStaff(), requestId: await getRequestId() };
  const result =
    search.get("kind") === "figures"
      ? await runGuarded(context, exportFigures, { calendarId, from: search.get("from"), weeks: Number(search.get("weeks") ?? 12) })
      : await runGuarded(context, exportBookings, { calendarId, from: search.get("from"), to: search.get("to") });
  if (!result.ok) return failureResponse(result);
  return new Response(result.data.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachment(result.data.filename, result.data.japaneseName),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
