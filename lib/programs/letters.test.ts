import { afterEach, describe, expect, it } from "vitest";
import type { Department } from "@/db/schema/departments";
import type { BenefitProgram } from "@/db/schema/programs";
import { resetConfigCache } from "@/lib/config/env";
import { letterSettingsFor } from "./letters";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetConfigCache();
});

const program = { name: "物価高騰対策ポイント給付", pointsPerPerson: 10_000, filingClosesAt: new Date("2026-12-25T08:15:00Z") } as BenefitProgram;
const department = { name: "子育て支援課", site: "本庁舎", counterHours: null, phone: "0166-84-2111" } as Department;

describe("guide letter settings", () => {
  it("print the LINE account from LINE_ACCOUNT_URL, or else the town's LIFF app", () => {
    process.env = { ...saved, LINE_ACCOUNT_URL: "https://lin.ee/AbCdEfG" };
    resetConfigCache();
    expect(letterSettingsFor(program, department).lineAccountUrl).toBe("https://lin.ee/AbCdEfG");
    process.env = { ...saved, LINE_ACCOUNT_URL: "", LIFF_ID: "1234567890-TownApp1" };
    resetConfigCache();
    const settings = letterSettingsFor(program, department);
    expect(settings.lineAccountUrl).toBe("https://liff.line.me/1234567890-TownApp1");
    expect(settings.counter).toEqual({ place: "当麻町役場 本庁舎 子育て支援課", hours: "平日 8:30〜17:15", phone: "0166-84-2111" });
    expect(settings.fonts?.regular).toMatch(/BIZUDPGothic_400Regular\.ttf$/);
  });
});
