import { APPLICATION_MESSAGES } from "@/lib/applications/messages";
import { PLAIN_RESIDENT_ERROR_CODES, type PlainResidentErrorCode } from "@/lib/i18n/resident-errors";
import { RESIDENT_MESSAGES, type ResidentLocale } from "@/lib/i18n/resident";

/** What the withdraw and resubmit handlers came back to say (query parameters), in the resident's language. */
export function outcomeNotice(query: Record<string, string | undefined>, locale: ResidentLocale): { tone: "ok" | "warn"; text: string; lang?: "ja" } | null {
  const m = APPLICATION_MESSAGES[locale];
  if (query.done === "withdrawn") {
    const refund = query.refund === "started" ? ` ${m.refundStarted}` : query.refund === "failed" ? ` ${m.refundFailed}` : "";
    return { tone: query.refund === "failed" ? "warn" : "ok", text: `${m.withdrawn}${refund}` };
  }
  const error = query.error;
  if (!error) return null;
  if (error === "draft_in_progress") return { tone: "warn", text: m.draftInProgress };
  if ((PLAIN_RESIDENT_ERROR_CODES as readonly string[]).includes(error)) return { tone: "warn", text: RESIDENT_MESSAGES[locale].errors[error as PlainResidentErrorCode] };
  return { tone: "warn", text: m.failed };
}
