import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getConfig } from "@/lib/config/env";
import { liffUrl } from "./links";
import { buildRichMenu, RICH_MENU_IMAGE, setupRichMenu } from "./richmenu";
import type { LineSimulator } from "./simulator";
import { startTestSimulator } from "./test-helpers";

let sim: LineSimulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(async () => {
  await sim.close();
});

describe("rich menu", () => {
  it("creates the four-tile menu, uploads the shipped image and sets it as default", async () => {
    const result = await setupRichMenu({ baseUrl: sim.url, dataBaseUrl: sim.url, channelAccessToken: getConfig().LINE_CHANNEL_ACCESS_TOKEN, liffUrl });
    expect(sim.defaultRichMenuId).toBe(result.richMenuId);
    const menu = sim.richMenus.get(result.richMenuId)!;
    const image = await readFile(RICH_MENU_IMAGE);
    expect(menu.image).toEqual({ contentType: "image/png", bytes: image.length, sha256: createHash("sha256").update(image).digest("hex") });
    const body = menu.body as ReturnType<typeof buildRichMenu>;
    expect(body.areas!.map((a) => (a.action as { label: string }).label)).toEqual(["物価高騰支援", "電子申請", "予約", "受信設定"]);
    expect(body.areas!.map((a) => (a.action as { uri: string }).uri)).toEqual([...["/benefit", "/apply", "/reservations"].map((p) => liffUrl(p)), undefined]);
    expect(body.areas![3]!.action).toMatchObject({ type: "postback", data: "action=settings" });
    // The four tiles cover the menu without overlapping.
    expect(body.areas!.reduce((sum, a) => sum + a.bounds!.width! * a.bounds!.height!, 0)).toBe(2500 * 1686);
    expect(sim.calls.map((c) => `${c.method} ${c.path.replace(result.richMenuId, ":id")}`)).toEqual([
      "POST /v2/bot/richmenu",
      "POST /v2/bot/richmenu/:id/content",
      "POST /v2/bot/user/all/richmenu/:id",
    ]);
  });

  it("fails loudly with a wrong access token", async () => {
    await expect(setupRichMenu({ baseUrl: sim.url, dataBaseUrl: sim.url, channelAccessToken: "wrong-token-0000000", liffUrl })).rejects.toThrow(/401/);
  });
});
