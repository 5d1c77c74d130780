import { z } from "zod";
import { safeText } from "@/lib/validation/text";
import { lineSimulatorControl, simulatorToolsEnabled } from "@/lib/line/dev";
import { demoResidentByKey } from "@/lib/residents/demo";

export const dynamic = "force-dynamic";

const schema = z.object({ key: safeText({ label: "デモ住民", min: 1, max: 40 }), nonce: safeText({ label: "nonce", min: 8, max: 100 }) });

/**
 * Dev picker only: asks the LINE simulator to issue an ID token for a demo resident, as LINE Login would after
 * the resident opened the LIFF app. The page hands it to liff-mock; the server still verifies it like any other.
 */
export async function POST(request: Request): Promise<Response> {
  if (!simulatorToolsEnabled()) return new Response(null, { status: 404 });
  const parsed = schema.safeParse(await request.json().catch(() => null));
  const demo = parsed.success ? demoResidentByKey(parsed.data.key) : undefined;
  if (!parsed.success || !demo) return Response.json({ error: "デモ住民を選んでください" }, { status: 400 });
  const { idToken } = await lineSimulatorControl<{ idToken: string }>("id-token", { sub: demo.lineUserId, name: demo.displayName, nonce: parsed.data.nonce });
  return Response.json({ idToken, profile: { userId: demo.lineUserId, displayName: demo.displayName } });
}
