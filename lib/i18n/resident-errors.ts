/**
 * Refusals a resident can meet, as data rather than text: the server decides which, and each page or endpoint
 * words it in the resident's language (the `errors` section of lib/i18n/messages). Client-safe.
 */
import type { FilingChannel } from "@/db/schema/filings";
import type { FilingClosure } from "./messages/benefit-ja";
import type { ResidentMessages } from "./messages";

export const PLAIN_RESIDENT_ERROR_CODES = [
  "unauthenticated",
  "rate_limited",
  "invalid",
  "sign_in_rejected",
  "sign_in_unavailable",
  "program_not_found",
  "cannot_file_as_shown",
  /** The household's filing was already taken, and then left before we could say when. */
  "household_filed",
  "filing_not_found",
  "not_returned",
  /** Correcting a returned form application: another draft of the form is in progress. */
  "resubmit_other_draft",
  /** The correction would change a fee paid on filing (the office settles that at the counter). */
  "resubmit_fee_changed",
  /** The correction of a form paid on filing whose payment is not confirmed. */
  "resubmit_fee_unpaid",
  "reverify_identity",
  "identity_not_head",
  "cannot_withdraw",
  "already_withdrawn",
  /** The JPKI result page was opened without a valid verification (expired, or another purpose). */
  "verification_missing",
  "unknown_action",
  /** An ID token that already opened a session (e.g. LIFF's cached one after the session expired): sign in afresh. */
  "sign_in_replayed",
] as const;
export type PlainResidentErrorCode = (typeof PLAIN_RESIDENT_ERROR_CODES)[number];

export type ResidentError =
  | { code: PlainResidentErrorCode }
  | { code: "closed"; closure: FilingClosure }
  /** One filing per household: says when and through which channel the household filed. */
  | { code: "already_filed"; submittedAt: Date; channel: FilingChannel };

export function residentErrorText(t: ResidentMessages, error: ResidentError): string {
  switch (error.code) {
    case "closed":
      return t.errors.closed[error.closure];
    case "already_filed":
      return t.errors.alreadyFiled(error.submittedAt, error.channel);
    default:
      return t.errors[error.code];
  }
}

/** A failure in the resident's words; without a code, the server's own Japanese, for the page to mark lang="ja". */
export function residentFailureText(t: ResidentMessages, failure: { error: string; resident?: ResidentError }): { text: string; lang?: "ja" } {
  return failure.resident ? { text: residentErrorText(t, failure.resident) } : { text: failure.error, lang: "ja" };
}

export type ResidentRefusalText = { text: string; lang?: "ja" };

/** In the browser: the refusal a LIFF endpoint sent (lib/http/resident-json.ts), or our fallback in the resident's language. */
export async function refusalFromResponse(response: Response | null, fallback: string): Promise<ResidentRefusalText> {
  const body = (await response?.json().catch(() => null)) as { error?: unknown; lang?: unknown } | null;
  return typeof body?.error === "string" && body.error ? { text: body.error, ...(body.lang === "ja" ? { lang: "ja" as const } : {}) } : { text: fallback };
}
