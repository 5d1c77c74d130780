import "./load-env";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { ConfigError, getConfig } from "@/lib/config/env";
import { liffUrl } from "@/lib/line/links";
import { RICH_MENU_IMAGE, richMenuSvg, setupRichMenu } from "@/lib/line/richmenu";

// `npm run line:richmenu` creates the rich menu (物価高騰支援 / 電子申請 / 予約 / 受信設定), uploads
// public/line/richmenu.png and sets it as default on LINE_API_BASE_URL (real LINE or the simulator).
// `-- --render-image` only re-renders the PNG from its SVG (needs sharp and a Japanese font; the PNG is shipped).
try {
  if (process.argv.includes("--render-image")) {
    const { default: sharp } = await import("sharp");
    await mkdir(path.dirname(RICH_MENU_IMAGE), { recursive: true });
    await writeFile(RICH_MENU_IMAGE, await sharp(Buffer.from(richMenuSvg())).png({ palette: true, compressionLevel: 9 }).toBuffer());
    console.log(`rendered ${RICH_MENU_IMAGE}`);
    process.exit(0);
  }
  const config = getConfig();
  const result = await setupRichMenu({
    baseUrl: config.LINE_API_BASE_URL,
    dataBaseUrl: config.LINE_DATA_API_BASE_URL,
    channelAccessToken: config.LINE_CHANNEL_ACCESS_TOKEN,
    liffUrl,
  });
  console.log(`rich menu ${result.richMenuId} created, image ${result.imageBytes} bytes uploaded, set as default (${config.LINE_API_BASE_URL})`);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
