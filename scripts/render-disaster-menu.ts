import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { chromium } from "playwright";
import { RICH_MENU_SIZE } from "@/lib/line/richmenu";
import { DISASTER_RICH_MENU_IMAGE, disasterRichMenuSvg } from "@/lib/segments/emergency";

// `npx tsx --conditions=react-server scripts/render-disaster-menu.ts` re-renders public/line/richmenu-disaster.png
// from its SVG in Debian's Chromium with the bundled BIZ UDPGothic font (the PNG is shipped).
const font = await readFile(path.join(process.cwd(), "node_modules/@expo-google-fonts/biz-udpgothic/700Bold/BIZUDPGothic_700Bold.ttf"));
const html = `<!doctype html><style>@font-face{font-family:"BIZ UDPGothic";src:url(data:font/ttf;base64,${font.toString("base64")})}body{margin:0}</style>${disasterRichMenuSvg("BIZ UDPGothic")}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage({ viewport: RICH_MENU_SIZE });
await page.setContent(html);
await page.evaluate(() => document.fonts.ready);
await writeFile(DISASTER_RICH_MENU_IMAGE, await page.screenshot({ type: "png", clip: { x: 0, y: 0, ...RICH_MENU_SIZE } }));
await browser.close();
console.log(`rendered ${DISASTER_RICH_MENU_IMAGE}`);
