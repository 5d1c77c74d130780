import type { BroadcastStatus } from "@/db/schema/segments";

export const STATUS_LABELS: Record<BroadcastStatus, string> = { draft: "下書き", pending_approval: "承認待ち", scheduled: "予約済み", sent: "送信済み", cancelled: "取り消し" };
