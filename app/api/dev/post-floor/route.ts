import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { residentJson } from "@/lib/http/resident-json";
import { devInboxEnabled } from "@/lib/line/dev";

export const dynamic = "force-dynamic";

/**
 * Development and the e2e/benchmark build only: the framework's floor for a request shaped like a LIFF filing
 * (POST, session cookie, JSON body read, one query, the same JSON answer headers) and nothing else. bench:filing
 * measures it beside GET /api/health, so a filing's cost can be split into what Next.js spends on any such POST
 * and what the filing itself adds.
 */
export async function POST(request: Request): Promise<Response> {
  if (!devInboxEnabled()) return new Response(null, { status: 404 });
  const input: unknown = await request.json().catch(() => null);
  await (await getDb()).execute(sql`select 1`);
  return residentJson({ received: input !== null }, { status: 201 });
}
