import { createHash } from "node:crypto";
import { lt } from "drizzle-orm";
import { z } from "zod";
import { safeText } from "@/lib/validation/text";
import { getDb } from "@/db";
import { usedIdTokens } from "@/db/schema/residents";
import { writeAudit } from "@/lib/audit/log";
import { IdTokenError, verifyLineIdToken } from "@/lib/line/id-token";
import type { ResidentLocale } from "@/lib/i18n/locale";
import type { ResidentError } from "@/lib/i18n/resident-errors";
import { residentFailure } from "./errors";
import type { ResidentActor } from "./guard";
import { residentLocaleOrDefault, saveResidentLocale } from "./locale";
import { upsertResidentByLineUserId } from "./residents";
import { createResidentSessionToken } from "./session";

export const signInSchema = z.object({ idToken: safeText({ label: "IDトークン", min: 20, max: 8192 }) }).strict();

export type SignInResult =
  | { ok: true; resident: ResidentActor; created: boolean; token: string; maxAgeSeconds: number; locale: ResidentLocale }
  | { ok: false; status: 400 | 401 | 503; error: string; resident: ResidentError };

/**
 * Signs a resident in from a raw LIFF ID token. The token is verified with LINE first; only its `sub` decides
 * who the resident is, and nothing is written when verification fails.
 */
export async function signInWithLineIdToken(
  input: unknown,
  context: {
    expectedNonce: string | null;
    requestId: string | null;
    /** The page language: `chosen` from the switch's cookie, else `shown` (from Accept-Language). */
    locale?: { chosen: ResidentLocale | null; shown: ResidentLocale };
  },
): Promise<SignInResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return residentFailure(400, { code: "sign_in_rejected" });
  let identity;
  try {
    identity = await verifyLineIdToken(parsed.data.idToken, { expectedNonce: context.expectedNonce });
  } catch (error) {
    if (error instanceof IdTokenError) {
      return error.reason === "unavailable" ? residentFailure(503, { code: "sign_in_unavailable" }) : residentFailure(401, { code: "sign_in_rejected" });
    }
    throw error;
  }
  const db = await getDb();
  // One ID token, one session: a replayed token (same hash, before its exp) is refused and writes nothing.
  const tokenHash = createHash("sha256").update(parsed.data.idToken).digest("base64url");
  if (Math.random() < 0.01) await db.delete(usedIdTokens).where(lt(usedIdTokens.expiresAt, new Date()));
  const signedIn = await db.transaction(async (tx) => {
    const [fresh] = await tx.insert(usedIdTokens).values({ tokenHash, expiresAt: identity.expiresAt }).onConflictDoNothing().returning({ tokenHash: usedIdTokens.tokenHash });
    if (!fresh) return null;
    const outcome = await upsertResidentByLineUserId(tx, { lineUserId: identity.sub, displayName: identity.name, signedIn: true });
    // LINE messages follow the resident's language: a choice made on this device wins; a first visit keeps what it
    // was shown; otherwise the language chosen before (on another phone) comes back.
    const stored = outcome.resident.locale;
    const locale = context.locale?.chosen ?? (stored ? residentLocaleOrDefault(stored) : (context.locale?.shown ?? null));
    if (locale && locale !== stored) await saveResidentLocale(tx, { residentId: outcome.resident.id, locale });
    await writeAudit(tx, {
      action: outcome.created ? "resident.register" : "resident.sign_in",
      entity: "resident",
      entityId: outcome.resident.id,
      actor: { type: "resident", id: outcome.resident.id, label: outcome.resident.displayName },
      requestId: context.requestId,
      after: { via: "liff" },
    });
    return { ...outcome, locale: locale ?? residentLocaleOrDefault(stored) };
  });
  // Told apart from a forged token so the page can fetch a fresh token from LINE instead of stopping here.
  if (!signedIn) return residentFailure(401, { code: "sign_in_replayed" });
  const { resident, created, locale } = signedIn;
  const session = await createResidentSessionToken(resident.id);
  return { ok: true, resident: { id: resident.id, lineUserId: resident.lineUserId, displayName: resident.displayName }, created, locale, ...session };
}

