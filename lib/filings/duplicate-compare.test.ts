import { describe, expect, it } from "vitest";
import { differingFields } from "./duplicate-compare";

const base = { channel: "line", representativeName: "長谷川 進", representativeKana: "ハセガワ ススム", birthDate: "1956-01-23", address: "当麻町5条東2丁目8番4号", householdCode: "0029", memberCount: 1, points: 10_000 };

describe("differingFields", () => {
  it("names the fields that differ, household size and points included", () => {
    const other = { ...base, channel: "counter", representativeName: "長谷川 晋", birthDate: "1956-01-25", householdCode: "0030", memberCount: 2, points: 20_000 };
    expect([...differingFields([base, other])].sort()).toEqual(["birthDate", "channel", "householdCode", "memberCount", "points", "representativeName"].sort());
  });

  it("ignores width and spacing differences of the same text", () => {
    expect(differingFields([base, { ...base, representativeName: "長谷川　進", address: "当麻町５条東２丁目８番４号" }]).size).toBe(0);
  });
});
