import { z } from "zod";
import { devInboxEnabled } from "@/lib/line/dev";
import { ensureInProcessWorker } from "@/lib/line/in-process";
import { runReservationJobsOnce } from "@/lib/reservations/jobs";

export const dynamic = "force-dynamic";

const schema = z.object({ at: z.iso.datetime({ offset: true, error: "at は ISO 8601 の日時です" }).optional() });

/**
 * Development and the e2e build only: runs one round of the reservation jobs as if the clock read `at`
 * (e.g. the evening before a booking), so the reminder can be seen in /dev/line without waiting a day.
 */
export async function POST(request: Request): Promise<Response> {
  if (!devInboxEnabled()) return new Response(null, { status: 404 });
  const parsed = schema.safeParse(await request.json().catch(() => ({})));
  if (!parsed.success) return Response.json({ error: parsed.error.issues[0]?.message ?? "入力が正しくありません" }, { status: 400 });
  const result = await runReservationJobsOnce(parsed.data.at ? new Date(parsed.data.at) : new Date());
  ensureInProcessWorker();
  return Response.json(result);
}
