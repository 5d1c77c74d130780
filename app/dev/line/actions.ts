"use server";

import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { z } from "zod";
import { safeText } from "@/lib/validation/text";
import { getDb } from "@/db";
import { writeAudit } from "@/lib/audit/log";
import { devInboxEnabled, lineSimulatorControl } from "@/lib/line/dev";
import { ensureInProcessWorker } from "@/lib/line/in-process";
import { enqueuePush } from "@/lib/line/outbox";
import { demoResidentByKey } from "@/lib/residents/demo";

const eventSchema = z.object({
  key: safeText({ label: "デモ住民", min: 1, max: 40 }),
  type: z.enum(["follow", "unfollow", "postback", "message"]),
  data: safeText({ label: "ポストバックのデータ", max: 300 }).optional(),
  text: safeText({ label: "メッセージ", max: 500, multiline: true }).optional(),
  signature: z.enum(["valid", "forged", "missing"]).default("valid"),
});

/** Has the LINE simulator deliver a signed webhook event from a demo resident to /api/line/webhook. */
export async function sendSimulatedEvent(formData: FormData): Promise<void> {
  if (!devInboxEnabled()) notFound();
  const parsed = eventSchema.parse(Object.fromEntries([...formData.entries()].filter(([, v]) => v !== "")));
  const demo = demoResidentByKey(parsed.key);
  if (!demo) notFound();
  await lineSimulatorControl("webhook", { type: parsed.type, userId: demo.lineUserId, data: parsed.data, text: parsed.text, signature: parsed.signature });
  ensureInProcessWorker();
  revalidatePath("/dev/line");
}

/** Queues a push through the outbox (with its audit entry), exactly as a feature would. */
export async function queueTestPush(formData: FormData): Promise<void> {
  if (!devInboxEnabled()) notFound();
  const demo = demoResidentByKey(String(formData.get("key") ?? ""));
  if (!demo) notFound();
  const db = await getDb();
  await db.transaction(async (tx) => {
    const id = await enqueuePush(tx, {
      to: demo.lineUserId,
      messages: [{ type: "text", text: `テスト配信です（${new Date().toLocaleTimeString("ja-JP", { timeZone: "Asia/Tokyo" })}）` }],
      cause: "dev-inbox:test-push",
    });
    await writeAudit(tx, { action: "line.test_push", entity: "line_outbox", entityId: id, actor: { type: "system", id: "dev-inbox", label: "/dev/line" }, requestId: null });
  });
  ensureInProcessWorker();
  revalidatePath("/dev/line");
}
