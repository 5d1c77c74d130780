import { after } from "next/server";
import { ensureInProcessWorker } from "@/lib/line/in-process";
import { acceptWebhook, processPendingWebhookEvents } from "@/lib/line/webhook";
import "@/lib/services/line-webhook";

export const dynamic = "force-dynamic";

/**
 * LINE's webhook. Answers as soon as the events are stored (LINE wants an answer within a second);
 * the events are handled after the response, and again by the worker if this process stops first.
 */
export async function POST(request: Request): Promise<Response> {
  const rawBody = await request.text();
  const result = await acceptWebhook(rawBody, request.headers.get("x-line-signature"));
  if (result.status !== 200) return new Response(null, { status: result.status });
  if (result.stored > 0) {
    after(async () => {
      await processPendingWebhookEvents();
      ensureInProcessWorker();
    });
  }
  return Response.json({ ok: true });
}
