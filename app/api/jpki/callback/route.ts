import { completeJpki, jpkiSettings } from "@/lib/jpki/flow";
import { ensureInProcessWorker } from "@/lib/line/in-process";
import { getCurrentResident, requestIdFromHeaders, residentRateLimit } from "@/lib/residents/current";

export const dynamic = "force-dynamic";

/** The issuer sends the resident back here; the session must be the one that started the request. */
export async function GET(request: Request): Promise<Response> {
  ensureInProcessWorker();
  const limited = await residentRateLimit("jpki-callback");
  // A browser navigation: the JPKI page says, in the resident's language, to wait and start again.
  if (!limited.allowed) return Response.redirect(new URL("/liff/jpki?jpki=rate_limited", request.url), 303);
  const resident = await getCurrentResident();
  if (!resident) return Response.redirect(new URL("/liff/jpki?jpki=session", request.url), 303);
  // Rebuilt on the registered redirect URI, so a proxy's view of host and scheme cannot change what is checked.
  const callbackUrl = new URL(jpkiSettings().redirectUri);
  callbackUrl.search = new URL(request.url).search;
  const outcome = await completeJpki(resident, callbackUrl, await requestIdFromHeaders());
  const target = new URL(outcome.returnTo, request.url);
  target.searchParams.set("jpki", outcome.ok ? "verified" : outcome.reason);
  return Response.redirect(target, 303);
}
