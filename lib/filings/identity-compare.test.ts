import { describe, expect, it } from "vitest";
import { TOMA_TOWN } from "@/lib/matching/normalize";
import { compareIdentity } from "./identity-compare";

const roster = { name: "髙橋 一郎", birthDate: "1950-04-01", address: "当麻町3条東2丁目10番1号", sex: "male" };

describe("compareIdentity", () => {
  it("treats spelling variants as the same and marks real differences", () => {
    const rows = compareIdentity({ name: "高橋　一郎", birthdate: "1950-04-01", address: "北海道上川郡当麻町3条東2丁目10-1", gender: "male" }, roster, TOMA_TOWN);
    expect(rows.map((r) => [r.field, r.same])).toEqual([
      ["name", true],
      ["birthDate", true],
      ["address", true],
      ["sex", true],
    ]);
  });

  it("flags a different address, birth date and sex, with a note for the address", () => {
    const rows = compareIdentity({ name: "髙橋 一郎", birthdate: "1950-04-02", address: "当麻町5条東3丁目2番8号", gender: "female" }, roster, TOMA_TOWN);
    const byField = Object.fromEntries(rows.map((r) => [r.field, r]));
    expect(byField.birthDate!.same).toBe(false);
    expect(byField.sex).toMatchObject({ same: false, card: "女", roster: "男" });
    expect(byField.address).toMatchObject({ same: false, note: "別の場所です" });
    expect(byField.name!.same).toBe(true);
  });

  it("says when only the building differs", () => {
    const rows = compareIdentity({ name: "髙橋 一郎", birthdate: "1950-04-01", address: "当麻町3条東2丁目10番1号 コーポ101", gender: "male" }, roster, TOMA_TOWN);
    expect(rows.find((r) => r.field === "address")).toMatchObject({ same: false, note: "建物名・部屋番号が違います" });
  });
});
