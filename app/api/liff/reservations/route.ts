import { residentJson } from "@/lib/http/resident-json";
import { getResidentLocale } from "@/lib/i18n/resident";
import { ensureInProcessWorker } from "@/lib/line/in-process";
import { ensureInProcessReservationJobs } from "@/lib/reservations/in-process";
import { lineText, RESERVATION_MESSAGES } from "@/lib/reservations/messages";
import {
  bookAsResident,
  cancelOwnBooking,
  joinWaitlist,
  leaveWaitlist,
  linkCounterBooking,
  runReservationResident,
  takeOffer,
} from "@/lib/reservations/resident-operations";
import { runAsCurrentResident } from "@/lib/residents/current";

export const dynamic = "force-dynamic";

const OPERATIONS = { book: bookAsResident, cancel: cancelOwnBooking, join: joinWaitlist, leave: leaveWaitlist, take: takeOffer, link: linkCounterBooking } as const;

/**
 * A resident's reservation actions: `{ "action": "book" | "cancel" | "join" | "leave" | "take" | "link", ... }`.
 * Refusals come back as `{ error, code }` in the resident's language (満員です answers `code: "full"`, waitlist offered).
 */
export async function POST(request: Request): Promise<Response> {
  ensureInProcessWorker();
  ensureInProcessReservationJobs();
  const t = RESERVATION_MESSAGES[await getResidentLocale()];
  const body = (await request.json().catch(() => null)) as ({ action?: string } & Record<string, unknown>) | null;
  const action = body?.action as keyof typeof OPERATIONS | undefined;
  if (!body || !action || !Object.hasOwn(OPERATIONS, action)) {
    return residentJson({ error: lineText(t.refusals.invalid), code: "invalid" }, { status: 400 });
  }
  const { action: _, ...input } = body;
  const operation = OPERATIONS[action] as typeof bookAsResident;
  const result = await runReservationResident((spec, i) => runAsCurrentResident(spec, i, request), operation, input);
  if (result.ok) return residentJson(result.data);
  const code = result.code ?? null;
  // Without a code the refusal is the server's own Japanese; the page marks it lang="ja".
  return residentJson(
    code ? { error: lineText(t.refusals[code]), code, ...(code === "full" ? { waitlist: true } : {}) } : { error: result.error, lang: "ja" },
    { status: result.status },
  );
}
