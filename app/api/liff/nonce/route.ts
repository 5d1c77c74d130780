import { randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import { residentFailure } from "@/lib/residents/errors";
import { residentRateLimit } from "@/lib/residents/current";
import { LIFF_NONCE_COOKIE, residentCookieOptions } from "@/lib/residents/session";
import { residentErrorJson, residentJson } from "@/lib/http/resident-json";

export const dynamic = "force-dynamic";

/** A single-use nonce for the next sign-in; an ID token carrying a nonce must carry this one. */
export async function GET(): Promise<Response> {
  const limited = await residentRateLimit("liff-nonce");
  if (!limited.allowed) return residentErrorJson(residentFailure(429, { code: "rate_limited" }), { headers: { "retry-after": String(limited.retryAfterSeconds) } });
  const nonce = randomBytes(16).toString("base64url");
  (await cookies()).set(LIFF_NONCE_COOKIE, nonce, residentCookieOptions(300));
  return residentJson({ nonce });
}
