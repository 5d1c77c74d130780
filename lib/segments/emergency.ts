import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { HTTPFetchError, messagingApi } from "@line/bot-sdk";
import { sql } from "drizzle-orm";
import { emergencyState } from "@/db/schema/segments";
import { GuardError } from "@/lib/auth/guard";
import { defineOperation } from "@/lib/auth/operation";
import { getConfig } from "@/lib/config/env";
import { RICH_MENU_SIZE } from "@/lib/line/richmenu";
import { getEmergencyState } from "./queries";
import { emergencyModeSchema } from "./validations";

export const DISASTER_RICH_MENU_IMAGE = path.join(process.cwd(), "public", "line", "richmenu-disaster.png");
/** 国土地理院's map of designated emergency evacuation sites (指定緊急避難場所). */
const SHELTER_MAP_URL = "https://hinanmap.gsi.go.jp/";

/** The disaster menu: shelters, a safety check that answers in chat, the disaster message dial, settings. */
export const DISASTER_TILES = [
  { label: "避難所", easy: "にげる 場所", color: "#b7001c", action: { type: "uri", uri: SHELTER_MAP_URL } },
  { label: "安否確認", easy: "ぶじを しらせる", color: "#c05600", action: { type: "postback", data: "action=safety_check", displayText: "無事です" } },
  { label: "災害伝言ダイヤル", easy: "171 に 電話", color: "#1a1a1a", action: { type: "uri", uri: "tel:171" } },
  { label: "受信設定", easy: "お知らせを えらぶ", color: "#5f2ea0", action: { type: "postback", data: "action=settings", displayText: "受信設定" } },
] as const;

export function buildDisasterRichMenu(): messagingApi.RichMenuRequest {
  const half = { width: RICH_MENU_SIZE.width / 2, height: RICH_MENU_SIZE.height / 2 };
  return {
    size: RICH_MENU_SIZE,
    selected: true,
    name: "防災モード",
    chatBarText: "防災メニュー",
    areas: DISASTER_TILES.map((tile, i) => ({
      bounds: { x: (i % 2) * half.width, y: Math.floor(i / 2) * half.height, width: half.width, height: half.height },
      action: { label: tile.label, ...tile.action } as messagingApi.Action,
    })),
  };
}

/** The SVG the shipped disaster PNG is rendered from (scripts/render-disaster-menu.ts). */
export function disasterRichMenuSvg(fontFamily: string): string {
  const w = RICH_MENU_SIZE.width / 2;
  const h = RICH_MENU_SIZE.height / 2;
  const tiles = DISASTER_TILES.map((tile, i) => {
    const x = (i % 2) * w;
    const y = Math.floor(i / 2) * h;
    return `<rect x="${x + 12}" y="${y + 12}" width="${w - 24}" height="${h - 24}" rx="36" fill="${tile.color}"/>
<text x="${x + w / 2}" y="${y + h / 2 - 10}" font-size="${tile.label.length > 5 ? 120 : 150}" font-weight="700" fill="#fff" text-anchor="middle" font-family="${fontFamily}">${tile.label}</text>
<text x="${x + w / 2}" y="${y + h / 2 + 150}" font-size="96" fill="#fff" text-anchor="middle" font-family="${fontFamily}">${tile.easy}</text>`;
  }).join("\n");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${RICH_MENU_SIZE.width}" height="${RICH_MENU_SIZE.height}"><rect width="100%" height="100%" fill="#fff3cd"/>${tiles}</svg>`;
}

/** Rich-menu calls are few but rate-limited by LINE: a 429 waits for Retry-After (at most three times). */
async function withRateLimit<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof HTTPFetchError) || error.status !== 429 || attempt >= 3) throw error;
      const seconds = Number(error.headers.get("retry-after") ?? "1");
      await new Promise((resolve) => setTimeout(resolve, Math.min(10, Number.isFinite(seconds) ? seconds : 1) * 1000));
    }
  }
}

export type RichMenuApi = { defaultRichMenuId(): Promise<string | null>; createDisasterMenu(): Promise<string>; setDefault(richMenuId: string): Promise<void>; cancelDefault(): Promise<void> };

export function lineRichMenuApi(): RichMenuApi {
  const config = getConfig();
  const client = new messagingApi.MessagingApiClient({ baseURL: config.LINE_API_BASE_URL, channelAccessToken: config.LINE_CHANNEL_ACCESS_TOKEN });
  const blob = new messagingApi.MessagingApiBlobClient({ baseURL: config.LINE_DATA_API_BASE_URL, channelAccessToken: config.LINE_CHANNEL_ACCESS_TOKEN });
  return {
    async defaultRichMenuId() {
      try {
        return (await withRateLimit(() => client.getDefaultRichMenuId())).richMenuId;
      } catch (error) {
        if (error instanceof HTTPFetchError && error.status === 404) return null;
        throw error;
      }
    },
    async createDisasterMenu() {
      const { richMenuId } = await withRateLimit(() => client.createRichMenu(buildDisasterRichMenu()));
      const image = await readFile(DISASTER_RICH_MENU_IMAGE);
      await withRateLimit(() => blob.setRichMenuImage(richMenuId, new Blob([new Uint8Array(image)], { type: "image/png" })));
      return richMenuId;
    },
    setDefault: async (richMenuId) => void (await withRateLimit(() => client.setDefaultRichMenu(richMenuId))),
    cancelDefault: async () => void (await withRateLimit(() => client.cancelDefaultRichMenu())),
  };
}

let richMenuApiForTests: RichMenuApi | null = null;
export function setRichMenuApiForTests(api: RichMenuApi | null): void {
  richMenuApiForTests = api;
}

/**
 * 防災モード on: every follower's menu becomes the disaster menu (the default rich menu, which LINE shows to
 * every follower without a per-user menu); off: the menu that was the default before comes back.
 */
export const switchEmergencyMode = defineOperation({
  action: "emergency.manage",
  schema: emergencyModeSchema,
  async run({ data, tx, actor }) {
    await tx.insert(emergencyState).values({ id: 1 }).onConflictDoNothing();
    // The row lock keeps two admins from switching at once.
    await tx.execute(sql`select 1 from emergency_state where id = 1 for update`);
    const before = await getEmergencyState(tx);
    if (before.active === data.active) throw new GuardError(409, data.active ? "すでに防災モードです。" : "防災モードではありません。");
    const api = richMenuApiForTests ?? lineRichMenuApi();
    let after: { active: boolean; normalRichMenuId: string | null; disasterRichMenuId: string | null };
    try {
      if (data.active) {
        const normal = await api.defaultRichMenuId();
        const disaster = await api.createDisasterMenu();
        await api.setDefault(disaster);
        after = { active: true, normalRichMenuId: normal, disasterRichMenuId: disaster };
      } else {
        if (before.normalRichMenuId) await api.setDefault(before.normalRichMenuId);
        else await api.cancelDefault();
        after = { active: false, normalRichMenuId: before.normalRichMenuId, disasterRichMenuId: before.disasterRichMenuId };
      }
    } catch (error) {
      const status = error instanceof HTTPFetchError ? error.status : null;
      throw new GuardError(409, `LINE のリッチメニューを切り替えられませんでした（${status ?? "応答なし"}）。時間をおいてもう一度お試しください。`);
    }
    await tx
      .update(emergencyState)
      .set({ active: after.active, normalRichMenuId: after.normalRichMenuId, disasterRichMenuId: after.disasterRichMenuId, changedBy: actor.id, changedAt: sql`now()` })
      .where(sql`id = 1`);
    return {
      result: { active: after.active },
      audit: { action: data.active ? "segment.emergency.on" : "segment.emergency.off", entity: "emergency_state", entityId: null, before, after },
    };
  },
});
