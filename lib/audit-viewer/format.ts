import type { ActorType } from "@/db/schema/audit";

export { formatJstDateTime, formatWarekiDateTime, jstToday } from "@/lib/dates/jst";

export const ACTOR_TYPE_LABELS: Record<ActorType, string> = {
  staff: "職員",
  resident: "住民",
  system: "システム",
  anonymous: "未ログイン",
};

export { EVENT_LABELS } from "./labels";
