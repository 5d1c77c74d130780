import { createHash, createHmac, hkdfSync } from "node:crypto";
import { and, desc, eq, gt, sql } from "drizzle-orm";
import { z } from "zod";
import { safeText } from "@/lib/validation/text";
import { getDb, type Executor } from "@/db";
import { jpkiRequests, jpkiVerifications, type JpkiVerification } from "@/db/schema/jpki";
import { writeAudit } from "@/lib/audit/log";
import { getConfig } from "@/lib/config/env";
import { nameKey } from "@/lib/matching/normalize";
import { enqueuePush } from "@/lib/line/outbox";
import { GuardError } from "@/lib/auth/guard";
import { ResidentRefusal } from "@/lib/residents/errors";
import { defineResidentOperation, type ResidentActor } from "@/lib/residents/guard";
import { beginAuthorization, completeAuthorization, JpkiError, type BasicFourInfo, type JpkiClientSettings, type JpkiFailureReason } from "./client";

const REQUEST_TTL_MINUTES = 10;

export function jpkiSettings(): JpkiClientSettings {
  const config = getConfig();
  return {
    issuer: config.JPKI_ISSUER,
    clientId: config.JPKI_CLIENT_ID,
    clientSecret: config.JPKI_CLIENT_SECRET,
    redirectUri: `${config.APP_URL.replace(/\/$/, "")}/api/jpki/callback`,
    scopes: config.JPKI_SCOPES,
  };
}

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/** A keyed hash of issuer + subject: lets us see "same card holder" without keeping the issuer's identifier. */
export function subjectHash(issuer: string, subject: string): string {
  const key = Buffer.from(hkdfSync("sha256", getConfig().AUTH_SECRET, "yakuba", "jpki-subject-v1", 32));
  return createHmac("sha256", key).update(`${issuer}\u0000${subject}`).digest("hex");
}

/** Purposes are short machine names: "application:<uuid>", "profile", "demo". */
const purposeSchema = safeText({ label: "目的", max: 80 }).regex(/^[a-z][a-z0-9_-]*(:[A-Za-z0-9_-]{1,64})?$/, { error: "目的の形式が正しくありません" }).max(80);
/** Only our own LIFF pages may be returned to after the issuer. */
const returnToSchema = safeText({ label: "戻り先", max: 500 }).regex(/^\/liff(\/[A-Za-z0-9_\-/]*)?(\?[A-Za-z0-9_\-=&%:]*)?$/, { error: "戻り先が正しくありません" });

export const startJpkiOperation = defineResidentOperation({
  action: "jpki.start",
  schema: z.object({ purpose: purposeSchema, returnTo: returnToSchema.default("/liff/jpki") }),
  run: async ({ data, tx, resident }) => {
    // An issuer that cannot be reached is a clear refusal, never a thrown error (nothing is written).
    const start = await beginAuthorization(jpkiSettings()).catch(() => {
      throw new GuardError(503, "本人確認サービスと通信できません。しばらくしてからお試しください。");
    });
    const [row] = await tx
      .insert(jpkiRequests)
      .values({
        residentId: resident.id,
        purpose: data.purpose,
        stateHash: sha256(start.state),
        nonce: start.nonce,
        codeVerifier: start.codeVerifier,
        returnTo: data.returnTo,
        expiresAt: sql`now() + make_interval(mins => ${REQUEST_TTL_MINUTES})`,
      })
      .returning({ id: jpkiRequests.id });
    return { result: { authorizationUrl: start.url, requestId: row!.id }, audit: { entity: "jpki_request", entityId: row!.id, after: { purpose: data.purpose } } };
  },
});

export type JpkiOutcome =
  | { ok: true; verificationId: string; returnTo: string }
  | { ok: false; reason: JpkiFailureReason | "unknown_request" | "expired_request"; returnTo: string };

const OUTCOME_MESSAGES: Record<string, string> = {
  verified: "本人確認が完了しました。（Identity confirmed.）",
};

/**
 * The callback half. The request is looked up by the hash of `state` and must belong to the signed-in resident;
 * it is consumed (started → completing) before the code is exchanged, so a replayed callback does nothing.
 * On success the 基本4情報 are stored bound to resident and purpose, with a LINE message queued in the same
 * transaction. Nothing identifying is logged or audited beyond ids.
 */
export async function completeJpki(resident: ResidentActor, callbackUrl: URL, requestId: string | null): Promise<JpkiOutcome> {
  const db = await getDb();
  const state = callbackUrl.searchParams.get("state") ?? "";
  const [claimed] = await db
    .update(jpkiRequests)
    .set({ status: "completing" })
    .where(and(eq(jpkiRequests.stateHash, sha256(state)), eq(jpkiRequests.residentId, resident.id), eq(jpkiRequests.status, "started")))
    .returning();
  if (!claimed) return replayedCallback(db, resident.id, state);
  const audit = (tx: Executor, action: string, after: unknown) =>
    writeAudit(tx, { action, entity: "jpki_request", entityId: claimed.id, actor: { type: "resident", id: resident.id, label: resident.displayName }, requestId, after });

  const fail = async (reason: Extract<JpkiOutcome, { ok: false }>["reason"]): Promise<JpkiOutcome> => {
    await db.transaction(async (tx) => {
      await tx
        .update(jpkiRequests)
        .set({ status: reason === "user_cancelled" ? "cancelled" : "failed", outcome: reason, completedAt: sql`now()` })
        .where(eq(jpkiRequests.id, claimed.id));
      await audit(tx, reason === "user_cancelled" ? "jpki.cancelled" : "jpki.failed", { reason });
    });
    return { ok: false, reason, returnTo: claimed.returnTo };
  };

  if (claimed.expiresAt.getTime() < Date.now()) return fail("expired_request");
  let identity;
  try {
    identity = await completeAuthorization(jpkiSettings(), callbackUrl, { state, nonce: claimed.nonce, codeVerifier: claimed.codeVerifier });
  } catch (error) {
    if (error instanceof JpkiError) return fail(error.reason);
    throw error;
  }
  const hours = getConfig().JPKI_VERIFICATION_HOURS;
  const verificationId = await db.transaction(async (tx) => {
    const [verification] = await tx
      .insert(jpkiVerifications)
      .values({
        residentId: resident.id,
        requestId: claimed.id,
        purpose: claimed.purpose,
        issuer: identity.issuer,
        subjectHash: subjectHash(identity.issuer, identity.subject),
        name: identity.name,
        address: identity.address,
        birthdate: identity.birthdate,
        gender: identity.gender,
        // Stored now so a filing's roster match is one indexed lookup (household_members_identity_idx).
        nameKey: nameKey(identity.name),
        expiresAt: sql`now() + make_interval(hours => ${hours})`,
      })
      .returning({ id: jpkiVerifications.id });
    await tx.update(jpkiRequests).set({ status: "verified", outcome: "verified", completedAt: sql`now()` }).where(eq(jpkiRequests.id, claimed.id));
    await audit(tx, "jpki.verified", { verificationId: verification!.id, purpose: claimed.purpose });
    await enqueuePush(tx, {
      to: resident.lineUserId,
      messages: [{ type: "text", text: OUTCOME_MESSAGES.verified! }],
      cause: `jpki:${claimed.id}:verified`,
      dedupeKey: `jpki:${claimed.id}`,
    });
    return verification!.id;
  });
  return { ok: true, verificationId, returnTo: claimed.returnTo };
}

/**
 * A callback for a request already finished: the resident went back into the card reader (browser back) and
 * picked again. They stay in their flow: a still-valid verification carries on where it was going, anything
 * else goes back to that step with the reason; only a request that was never theirs lands on the JPKI page.
 */
async function replayedCallback(db: Executor, residentId: string, state: string): Promise<JpkiOutcome> {
  const [request] = await db
    .select()
    .from(jpkiRequests)
    .where(and(eq(jpkiRequests.stateHash, sha256(state)), eq(jpkiRequests.residentId, residentId)))
    .limit(1);
  if (!request) return { ok: false, reason: "unknown_request", returnTo: "/liff/jpki" };
  const verification = await getValidVerification(db, residentId, request.purpose);
  if (verification) return { ok: true, verificationId: verification.id, returnTo: request.returnTo };
  const reason = request.outcome === "user_cancelled" || request.outcome === "card_locked" ? request.outcome : "expired_request";
  return { ok: false, reason: reason as JpkiFailureReason | "expired_request", returnTo: request.returnTo };
}

/** The resident's newest unexpired verification for a purpose (e.g. one application), or null. */
export async function getValidVerification(db: Executor, residentId: string, purpose: string): Promise<JpkiVerification | null> {
  const [row] = await db
    .select()
    .from(jpkiVerifications)
    .where(and(eq(jpkiVerifications.residentId, residentId), eq(jpkiVerifications.purpose, purpose), gt(jpkiVerifications.expiresAt, sql`now()`)))
    .orderBy(desc(jpkiVerifications.verifiedAt))
    .limit(1);
  return row ?? null;
}

/** Reads a verification as its resident (a view of personal data: audited). */
export const viewVerificationOperation = defineResidentOperation({
  action: "jpki.view",
  schema: z.object({ purpose: purposeSchema }),
  run: async ({ data, tx, resident }) => {
    const verification = await getValidVerification(tx, resident.id, data.purpose);
    if (!verification) throw new ResidentRefusal(404, { code: "verification_missing" });
    return {
      result: { name: verification.name, address: verification.address, birthdate: verification.birthdate, gender: verification.gender, expiresAt: verification.expiresAt },
      audit: { entity: "jpki_verification", entityId: verification.id },
    };
  },
});

function normalise(value: string): string {
  // Full-width digits/letters and spacing differ between a typed filing and the card's text.
  return value.normalize("NFKC").replace(/\s+/g, "").replace(/[－ー‐−]/g, "-");
}

/** Fields where the card and the filing disagree ("information differs from the filing"). */
export function differencesFromFiling(card: BasicFourInfo, filing: BasicFourInfo): (keyof BasicFourInfo)[] {
  return (["name", "address", "birthdate", "gender"] as const).filter((key) => normalise(card[key]) !== normalise(filing[key]));
}
