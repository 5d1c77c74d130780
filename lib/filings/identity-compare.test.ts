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

  it("says when the card has a room the roster lacks (a candidate, not the same place)", () => {
    const rows = compareIdentity({ name: "髙橋 一郎", birthdate: "1950-04-01", address: "当麻町3条東2丁目10番1号 コーポ101", gender: "male" }, roster, TOMA_TOWN);
    expect(rows.find((r) => r.field === "address")).toMatchObject({ same: false, note: "部屋番号101がカードにだけあります（番地は同じ。名簿の部屋を確認してください）" });
    const reverse = compareIdentity({ name: "髙橋 一郎", birthdate: "1950-04-01", address: "当麻町3条東2丁目10番1号", gender: "male" }, { ...roster, address: "当麻町3条東2丁目10番1号 コーポ101" }, TOMA_TOWN);
    expect(reverse.find((r) => r.field === "address")).toMatchObject({ same: false, note: "部屋番号101が名簿にだけあります（番地は同じ。カードの部屋を確認してください）" });
  });

  it("says when only the building name differs for the same room", () => {
    const rows = compareIdentity({ name: "髙橋 一郎", birthdate: "1950-04-01", address: "当麻町3条東2丁目10番1号 コーポ当麻101号室", gender: "male" }, { ...roster, address: "当麻町3条東2丁目10番1号 101" }, TOMA_TOWN);
    expect(rows.find((r) => r.field === "address")).toMatchObject({ same: false, note: "建物名だけが違います（番地・部屋番号101は同じ）" });
  });

  it("says when a room is written as a block level (the same room)", () => {
    const rows = compareIdentity({ name: "髙橋 一郎", birthdate: "1950-04-01", address: "当麻町3条東2丁目10番1号 コーポ101号室", gender: "male" }, { ...roster, address: "当麻町3条東2丁目10-1-101" }, TOMA_TOWN);
    expect(rows.find((r) => r.field === "address")).toMatchObject({ same: false, note: "部屋番号の書き方だけが違います（同じ部屋）" });
  });

  it("calls two rooms of one building different homes", () => {
    const rows = compareIdentity({ name: "髙橋 一郎", birthdate: "1950-04-01", address: "当麻町3条東2丁目10番1号 コーポ102", gender: "male" }, { ...roster, address: "当麻町3条東2丁目10番1号 コーポ101" }, TOMA_TOWN);
    expect(rows.find((r) => r.field === "address")).toMatchObject({ same: false, note: "同じ建物の別の部屋です（カード102、名簿101）" });
  });

  it("asks to check when one block is longer (room or a fourth block level)", () => {
    const rows = compareIdentity({ name: "髙橋 一郎", birthdate: "1950-04-01", address: "当麻町3条東2丁目10番1号", gender: "male" }, { ...roster, address: "当麻町3条東2丁目10-1-5" }, TOMA_TOWN);
    expect(rows.find((r) => r.field === "address")).toMatchObject({ same: false, note: "名簿の番地がカードより一段長く、部屋番号か番地の続きか確認が必要です" });
  });
});
