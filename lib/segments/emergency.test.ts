import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGuarded } from "@/lib/auth/guard";
import type { StaffActor } from "@/lib/auth/permissions";
import { getConfig, resetConfigCache } from "@/lib/config/env";
import { liffUrl } from "@/lib/line/links";
import { setupRichMenu } from "@/lib/line/richmenu";
import type { LineSimulator } from "@/lib/line/simulator";
import { startTestSimulator } from "@/lib/line/test-helpers";
import { createActor, createDepartment } from "@/lib/testing/factories";
import { switchEmergencyMode } from "./emergency";

let sim: LineSimulator;
let systemAdmin: StaffActor;
let deptAdmin: StaffActor;
beforeAll(async () => {
  sim = await startTestSimulator();
  process.env.LINE_API_BASE_URL = sim.url;
  process.env.LINE_DATA_API_BASE_URL = sim.url;
  resetConfigCache();
  const department = await createDepartment();
  systemAdmin = await createActor([{ departmentId: department.id, role: "system_admin" }]);
  deptAdmin = await createActor([{ departmentId: department.id, role: "dept_admin" }]);
});
afterAll(async () => {
  delete process.env.LINE_API_BASE_URL;
  delete process.env.LINE_DATA_API_BASE_URL;
  resetConfigCache();
  await sim.close();
});

describe("防災モード", () => {
  it("switches every follower's menu to the disaster menu and back, only for a system admin who typed the confirmation", async () => {
    const normal = await setupRichMenu({ baseUrl: sim.url, dataBaseUrl: sim.url, channelAccessToken: getConfig().LINE_CHANNEL_ACCESS_TOKEN, liffUrl });
    expect(await runGuarded({ actor: deptAdmin, requestId: null }, switchEmergencyMode, { active: true, confirm: "防災モード" })).toMatchObject({ ok: false, status: 403 });
    expect(await runGuarded({ actor: systemAdmin, requestId: null }, switchEmergencyMode, { active: true, confirm: "はい" })).toMatchObject({ ok: false, status: 400 });
    expect(sim.defaultRichMenuId).toBe(normal.richMenuId);

    expect(await runGuarded({ actor: systemAdmin, requestId: null }, switchEmergencyMode, { active: true, confirm: "防災モード" })).toMatchObject({ ok: true, data: { active: true } });
    const disaster = sim.richMenus.get(sim.defaultRichMenuId!)!;
    expect(disaster.body).toMatchObject({ name: "防災モード", chatBarText: "防災メニュー" });
    expect(disaster.image).not.toBeNull();
    expect(await runGuarded({ actor: systemAdmin, requestId: null }, switchEmergencyMode, { active: true, confirm: "防災モード" })).toMatchObject({ ok: false, status: 409 });

    expect(await runGuarded({ actor: systemAdmin, requestId: null }, switchEmergencyMode, { active: false, confirm: "防災モード" })).toMatchObject({ ok: true, data: { active: false } });
    expect(sim.defaultRichMenuId).toBe(normal.richMenuId);
  });
});
