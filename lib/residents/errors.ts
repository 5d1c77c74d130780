import type { AuditDraft } from "@/lib/audit/log";
import { GuardError, type GuardFailure } from "@/lib/auth/guard";
import { RESIDENT_MESSAGES } from "@/lib/i18n/messages";
import { residentErrorText, type ResidentError } from "@/lib/i18n/resident-errors";

/** Standard Japanese: what logs, staff screens and tests read; resident pages re-word it from `resident`. */
function residentErrorJa(error: ResidentError): string {
  return residentErrorText(RESIDENT_MESSAGES.ja, error);
}

/** A refusal a resident may meet, thrown inside a guarded run: rolls back like any GuardError. */
export class ResidentRefusal extends GuardError {
  constructor(status: GuardFailure["status"], refusal: ResidentError, audit?: AuditDraft & { action: string }) {
    super(status, residentErrorJa(refusal), undefined, audit);
    this.name = "ResidentRefusal";
    this.resident = refusal;
  }
}

/** The same, returned rather than thrown (before any transaction starts). */
export function residentFailure<S extends number>(status: S, refusal: ResidentError): { ok: false; status: S; error: string; resident: ResidentError } {
  return { ok: false, status, error: residentErrorJa(refusal), resident: refusal };
}
