import { randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import { RESIDENT_MESSAGES } from "@/lib/residents/guard";
import { residentRateLimit } from "@/lib/residents/current";
import { LIFF_NONCE_COOKIE, residentCookieOptions } from "@/lib/residents/session";
import { residentJson } from "@/lib/http/resident-json";

export const dynamic = "force-dynamic";

/** A single-use nonce for the next sign-in; an ID token carrying a nonce must carry this one. */
export async function GET(): Promise<Response> {
  const limited = await residentRateLimit("liff-nonce");
  if (!limited.allowed) return residentJson({ error: RESIDENT_MESSAGES.rateLimited }, { status: 429, headers: { "retry-after": String(limited.retryAfterSeconds) } });
  const nonce = randomBytes(16).toString("base64url");
  (await cookies()).set(LIFF_NONCE_COOKIE, nonce, residentCookieOptions(300));
  return residentJson({ nonce });
}
