import { startJpkiOperation } from "@/lib/jpki/flow";
import { ensureInProcessWorker } from "@/lib/line/in-process";
import { runAsCurrentResident } from "@/lib/residents/current";

export const dynamic = "force-dynamic";

/**
 * Starts the JPKI step for the signed-in resident and sends the browser to the issuer (303).
 * A plain link, not a form: CSP form-action would also apply to the redirect to the issuer's origin.
 * The request it creates is bound to this resident's session and useless to anyone else.
 */
export async function GET(request: Request): Promise<Response> {
  ensureInProcessWorker();
  const params = new URL(request.url).searchParams;
  const input = { purpose: params.get("purpose") ?? undefined, returnTo: params.get("returnTo") ?? undefined };
  const result = await runAsCurrentResident(startJpkiOperation, input, request);
  if (result.ok) return new Response(null, { status: 303, headers: { location: result.data.authorizationUrl, "cache-control": "no-store" } });
  const reason = result.status === 401 ? "session" : result.status === 429 ? "rate_limited" : "invalid";
  return Response.redirect(new URL(`/liff/jpki?jpki=${reason}`, request.url), 303);
}
