import { readFile } from "node:fs/promises";
import path from "node:path";
import { messagingApi } from "@line/bot-sdk";

export const RICH_MENU_IMAGE = path.join(process.cwd(), "public", "line", "richmenu.png");
export const RICH_MENU_SIZE = { width: 2500, height: 1686 } as const;

/** The four tiles, each opening its LIFF page. Large 2×2 tiles: many residents are over 70. */
export const RICH_MENU_TILES = [
  { label: "物価高騰支援", easy: "お金の 支援", path: "/benefit", color: "#0031d8" },
  { label: "電子申請", easy: "書類・はらう", path: "/apply", color: "#00713f" },
  { label: "予約", easy: "健診・施設", path: "/reservations", color: "#b7421a" },
  { label: "受信設定", easy: "お知らせを えらぶ", path: "/settings", color: "#5f2ea0", postback: "action=settings" },
] as const;

export function buildRichMenu(liffUrl: (path: string) => string): messagingApi.RichMenuRequest {
  const half = { width: RICH_MENU_SIZE.width / 2, height: RICH_MENU_SIZE.height / 2 };
  return {
    size: RICH_MENU_SIZE,
    selected: true,
    name: "役場メニュー",
    chatBarText: "メニュー",
    areas: RICH_MENU_TILES.map((tile, i) => ({
      bounds: { x: (i % 2) * half.width, y: Math.floor(i / 2) * half.height, width: half.width, height: half.height },
      // 受信設定 answers in chat with the link in the resident's language (lib/segments/line-events.ts).
      action: "postback" in tile ? { type: "postback", label: tile.label, data: tile.postback, displayText: tile.label } : { type: "uri", label: tile.label, uri: liffUrl(tile.path) },
    })),
  };
}

/** The SVG the shipped PNG is rendered from (`npm run line:richmenu -- --render-image`). */
export function richMenuSvg(): string {
  const w = RICH_MENU_SIZE.width / 2;
  const h = RICH_MENU_SIZE.height / 2;
  const tiles = RICH_MENU_TILES.map((tile, i) => {
    const x = (i % 2) * w;
    const y = Math.floor(i / 2) * h;
    return `<rect x="${x + 12}" y="${y + 12}" width="${w - 24}" height="${h - 24}" rx="36" fill="${tile.color}"/>
<text x="${x + w / 2}" y="${y + h / 2 - 10}" font-size="150" font-weight="700" fill="#fff" text-anchor="middle" font-family="Noto Sans CJK JP, Noto Serif CJK JP, sans-serif">${tile.label}</text>
<text x="${x + w / 2}" y="${y + h / 2 + 150}" font-size="96" fill="#fff" text-anchor="middle" font-family="Noto Sans CJK JP, Noto Serif CJK JP, sans-serif">${tile.easy}</text>`;
  }).join("\n");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${RICH_MENU_SIZE.width}" height="${RICH_MENU_SIZE.height}"><rect width="100%" height="100%" fill="#ffffff"/>${tiles}</svg>`;
}

export type RichMenuSetup = { richMenuId: string; imageBytes: number };

/** Creates the rich menu, uploads its image and makes it the default for every user (LINE or the simulator). */
export async function setupRichMenu(options: {
  baseUrl: string;
  dataBaseUrl: string;
  channelAccessToken: string;
  liffUrl: (path: string) => string;
  image?: Buffer;
}): Promise<RichMenuSetup> {
  const client = new messagingApi.MessagingApiClient({ baseURL: options.baseUrl, channelAccessToken: options.channelAccessToken });
  const blob = new messagingApi.MessagingApiBlobClient({ baseURL: options.dataBaseUrl, channelAccessToken: options.channelAccessToken });
  const image = options.image ?? (await readFile(RICH_MENU_IMAGE));
  if (image.length > 1024 * 1024) throw new Error("rich menu image must be 1 MB or less");
  const { richMenuId } = await client.createRichMenu(buildRichMenu(options.liffUrl));
  await blob.setRichMenuImage(richMenuId, new Blob([new Uint8Array(image)], { type: "image/png" }));
  await client.setDefaultRichMenu(richMenuId);
  return { richMenuId, imageBytes: image.length };
}
