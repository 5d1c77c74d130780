import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { countLinkClick } from "@/lib/segments/links";

export const dynamic = "force-dynamic";

/** A link inside a broadcast: counted, then on to the original address. */
export async function GET(_request: Request, { params }: { params: Promise<{ linkId: string }> }): Promise<Response> {
  const target = await countLinkClick(await getDb(), { linkId: (await params).linkId });
  if (!target) return new NextResponse("リンクが見つかりません。 / Link not found.", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  return new NextResponse(null, { status: 302, headers: { location: target, "cache-control": "no-store", "referrer-policy": "no-referrer" } });
}
