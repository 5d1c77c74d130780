import { describe, expect, it } from "vitest";
import { type TownProfile, TOMA_TOWN as TOMA, addressKey, compareAddresses, groupFuzzyDuplicates, mayBeSamePlace, normalizeAddress, parentBlock } from "./normalize";

// Real addresses (town halls, stations, public buildings) and the ways residents and staff write them.
const ASAHIKAWA: TownProfile = { prefecture: "北海道", municipality: "旭川市" };
const SAPPORO: TownProfile = { prefecture: "北海道", municipality: "札幌市" };
const OBIHIRO: TownProfile = { prefecture: "北海道", municipality: "帯広市" };
const HIGASHIKAGURA: TownProfile = { prefecture: "北海道", county: "上川郡", municipality: "東神楽町" };
const KAMIFURANO: TownProfile = { prefecture: "北海道", county: "空知郡", municipality: "上富良野町" };
const MEMURO: TownProfile = { prefecture: "北海道", county: "河西郡", municipality: "芽室町" };
const IWAMIZAWA: TownProfile = { prefecture: "北海道", municipality: "岩見沢市" };
const TAKASU: TownProfile = { prefecture: "北海道", county: "上川郡", municipality: "鷹栖町" };

type Group = { town?: TownProfile; key: string; variants: string[] };

const GROUPS: Record<string, Group> = {
  // Asahikawa's grid: N条通 M丁目, and 番地 or the 右/左 side of the street with a 号.
  "旭川市役所 (6条通9丁目46番地)": {
    town: ASAHIKAWA,
    key: "6条通9-46",
    variants: [
      "北海道旭川市6条通9丁目46番地",
      "旭川市6条通9丁目46番地",
      "旭川市6条通9丁目46",
      "旭川市六条通九丁目四十六番地",
      "旭川市六条通り九丁目46番地",
      "旭川市6条通り9丁目46番地",
      "旭川市６条通９丁目４６番地",
      "旭川市6条通9-46",
      "旭川市 6条通 9丁目 46番地",
      "〒070-8525 北海道旭川市6条通9丁目46番地",
      "6条通9丁目46番地",
    ],
  },
  "旭川市 1条通8丁目 (買物公園)": {
    town: ASAHIKAWA,
    key: "1条通8-108",
    variants: ["北海道旭川市1条通8丁目108番地", "旭川市一条通八丁目百八番地", "旭川市1条通8-108", "旭川市1条通り8丁目108", "旭川市１条通８丁目１０８番地"],
  },
  "旭川市 2条通7丁目左8号": {
    town: ASAHIKAWA,
    key: "2条通7左8",
    variants: ["旭川市2条通7丁目左8号", "旭川市二条通七丁目左八号", "旭川市2条通り7丁目左8号", "旭川市2条通7-左8", "旭川市2条通7丁目左8"],
  },
  "旭川市 8条通12丁目右10号": {
    town: ASAHIKAWA,
    key: "8条通12右10",
    variants: ["北海道旭川市8条通12丁目右10号", "旭川市八条通十二丁目右十号", "旭川市8条通12-右10", "旭川市８条通１２丁目右１０号"],
  },
  "旭川駅 (宮下通8丁目3-1)": {
    town: ASAHIKAWA,
    key: "宮下通8-3-1",
    variants: ["北海道旭川市宮下通8丁目3番1号", "旭川市宮下通八丁目三番一号", "旭川市宮下通8-3-1", "旭川市宮下通8丁目3-1"],
  },
  "旭川市 緑が丘3条4丁目 (条丁目, が/ヶ/ケ)": {
    town: ASAHIKAWA,
    key: "緑ケ丘3条4-1-5",
    variants: ["旭川市緑が丘3条4丁目1番5号", "旭川市緑ヶ丘3条4丁目1-5", "旭川市緑ケ丘三条四丁目一番五号", "旭川市緑ガ丘3条4丁目1-5", "旭川市緑が丘3条4-1-5"],
  },
  "旭川市 東光8条3丁目 (条丁目)": {
    town: ASAHIKAWA,
    key: "東光8条3-5-10",
    variants: ["旭川市東光8条3丁目5番10号", "旭川市東光八条三丁目五番十号", "旭川市東光8条3丁目5-10", "旭川市東光8条3-5-10"],
  },
  "旭川市 東鷹栖3線10号 (rural grid)": {
    town: ASAHIKAWA,
    key: "東鷹栖3線10",
    variants: ["旭川市東鷹栖3線10号", "旭川市東鷹栖三線十号", "北海道旭川市東鷹栖3線10号", "旭川市東鷹栖３線１０号"],
  },
  "旭川市 東旭川町共栄 12号線": {
    town: ASAHIKAWA,
    key: "東旭川町共栄12号線",
    variants: ["旭川市東旭川町共栄12号線", "旭川市東旭川町共栄十二号線", "旭川市東旭川町共栄１２号線"],
  },
  // Sapporo: 北N条西M丁目 (and its abbreviations), N条M丁目 districts, 大通.
  "札幌市役所 (北1条西2丁目)": {
    town: SAPPORO,
    key: "中央区北1条西2",
    variants: ["北海道札幌市中央区北1条西2丁目", "札幌市中央区北一条西二丁目", "札幌市中央区北1西2", "中央区北1条西2丁目", "札幌市中央区北１条西２丁目", "札幌市中央区北一西二"],
  },
  "北海道庁 (北3条西6丁目)": {
    town: SAPPORO,
    key: "中央区北3条西6",
    variants: ["札幌市中央区北3条西6丁目", "札幌市中央区北三条西六丁目", "北海道札幌市中央区北3西6", "札幌市中央区北3条西6"],
  },
  "札幌市 南1条西2丁目 with 番地": {
    town: SAPPORO,
    key: "中央区南1条西2-1-1",
    variants: ["札幌市中央区南1条西2丁目1番地1", "札幌市中央区南1条西2丁目1-1", "札幌市中央区南1西2-1-1", "札幌市中央区南一条西二丁目一番一号", "札幌市中央区南1条西2丁目1番1号"],
  },
  "札幌市 月寒東1条8丁目 (条丁目)": {
    town: SAPPORO,
    key: "豊平区月寒東1条8-2-1",
    variants: ["札幌市豊平区月寒東1条8丁目2番1号", "札幌市豊平区月寒東一条八丁目二番一号", "札幌市豊平区月寒東1条8丁目2-1", "札幌市豊平区月寒東1条8-2-1"],
  },
  "札幌市 琴似2条1丁目 (条丁目)": {
    town: SAPPORO,
    key: "西区琴似2条1-1-20",
    variants: ["札幌市西区琴似2条1丁目1番20号", "札幌市西区琴似二条一丁目一番二十号", "札幌市西区琴似2条1-1-20"],
  },
  "札幌市 大通西1丁目": {
    town: SAPPORO,
    key: "中央区大通西1",
    variants: ["札幌市中央区大通西1丁目", "札幌市中央区大通西一丁目", "北海道札幌市中央区大通西１丁目"],
  },
  "札幌市 旭ケ丘5丁目 (ケ/ヶ/が)": {
    town: SAPPORO,
    key: "中央区旭ケ丘5-6-51",
    variants: ["札幌市中央区旭ケ丘5丁目6番51号", "札幌市中央区旭ヶ丘5丁目6-51", "札幌市中央区旭が丘五丁目六番五十一号"],
  },
  // Obihiro: 西N条南M丁目.
  "帯広市役所 (西5条南7丁目1番地)": {
    town: OBIHIRO,
    key: "西5条南7-1",
    variants: ["北海道帯広市西5条南7丁目1番地", "帯広市西五条南七丁目一番地", "帯広市西5条南7丁目1", "帯広市西5条南7-1", "帯広市西５条南７丁目１番地"],
  },
  "帯広市 西19条南3丁目 (two-digit 条)": {
    town: OBIHIRO,
    key: "西19条南3-5-2",
    variants: ["帯広市西19条南3丁目5番2号", "帯広市西十九条南三丁目五番二号", "帯広市西19条南3丁目5-2"],
  },
  "芽室町役場 (東2条2丁目14番地)": {
    town: MEMURO,
    key: "東2条2-14",
    variants: ["北海道河西郡芽室町東2条2丁目14番地", "芽室町東二条二丁目十四番地", "河西郡芽室町東2条2丁目14", "芽室町東2条2-14"],
  },
  // Rural grids: 線 and 号, 号 before 線.
  "東神楽町 14号北1線": {
    town: HIGASHIKAGURA,
    key: "14号北1線",
    variants: ["北海道上川郡東神楽町14号北1線", "東神楽町十四号北一線", "上川郡東神楽町１４号北１線"],
  },
  "東神楽町役場 (南1条西1丁目3番2号)": {
    town: HIGASHIKAGURA,
    key: "南1条西1-3-2",
    variants: ["北海道上川郡東神楽町南1条西1丁目3番2号", "東神楽町南一条西一丁目三番二号", "東神楽町南1条西1丁目3-2", "東神楽町南1西1-3-2"],
  },
  "上富良野町 西2線北25号": {
    town: KAMIFURANO,
    key: "西2線北25",
    variants: ["北海道空知郡上富良野町西2線北25号", "上富良野町西二線北二十五号", "上富良野町西2線北25"],
  },
  "鷹栖町 16線10号": {
    town: TAKASU,
    key: "16線10",
    variants: ["北海道上川郡鷹栖町16線10号", "鷹栖町十六線十号", "上川郡鷹栖町１６線１０号"],
  },
  "岩見沢市役所 (鳩が丘1丁目1番1号)": {
    town: IWAMIZAWA,
    key: "鳩ケ丘1-1-1",
    variants: ["北海道岩見沢市鳩が丘1丁目1番1号", "岩見沢市鳩ヶ丘1-1-1", "岩見沢市鳩ケ丘一丁目一番一号"],
  },
  // Outside Hokkaido: ヶ/ケ/が/ガ in town and district names.
  "霞が関 (霞ヶ関, 霞ケ関)": {
    key: "東京都千代田区霞ケ関1-3-1",
    variants: ["東京都千代田区霞が関1丁目3番1号", "東京都千代田区霞ヶ関1-3-1", "東京都千代田区霞ケ関一丁目三番一号", "東京都千代田区霞ガ関1-3-1"],
  },
  "茅ヶ崎市役所 (茅ケ崎)": {
    key: "神奈川県茅ケ崎市茅ケ崎1-1-1",
    variants: ["神奈川県茅ヶ崎市茅ヶ崎1丁目1番1号", "神奈川県茅ケ崎市茅ケ崎1-1-1", "神奈川県茅ヶ崎市茅ケ崎一丁目一番一号"],
  },
};

describe("addressKey: real-world variants, most of them from Hokkaido", () => {
  for (const [place, group] of Object.entries(GROUPS)) {
    describe(place, () => {
      it.each(group.variants)("%s", (variant) => {
        expect(addressKey(variant, group.town)).toBe(group.key);
      });
    });
  }

  it("holds more than 100 variants, most from Hokkaido", () => {
    const all = Object.values(GROUPS).flatMap((group) => group.variants);
    const hokkaido = Object.values(GROUPS).filter((group) => group.town?.prefecture === "北海道").flatMap((group) => group.variants);
    expect(all.length).toBeGreaterThanOrEqual(100);
    expect(hokkaido.length / all.length).toBeGreaterThan(0.85);
  });
});

describe("addressKey: the street, side and line name the place", () => {
  it.each([
    ["旭川市4条通8丁目1番地", "旭川市4条8丁目1番地", ASAHIKAWA], // 条通 is not 条
    ["旭川市4条通8丁目1番地", "旭川市4条通8丁目2番地", ASAHIKAWA], // every lot on one street used to share 4条
    ["旭川市4条通8丁目1番地", "旭川市4条通9丁目1番地", ASAHIKAWA],
    ["旭川市4条通8丁目1番地", "旭川市5条通8丁目1番地", ASAHIKAWA],
    ["旭川市2条通7丁目左8号", "旭川市2条通7丁目右8号", ASAHIKAWA], // the side of the street
    ["旭川市2条通7丁目左8号", "旭川市2条通7丁目左9号", ASAHIKAWA],
    ["旭川市東光8条3丁目5-10", "旭川市東光8条4丁目5-10", ASAHIKAWA],
    ["旭川市東旭川町共栄12号線", "旭川市東旭川町共栄13号線", ASAHIKAWA],
    ["旭川市東鷹栖3線10号", "旭川市東鷹栖4線10号", ASAHIKAWA],
    ["東神楽町14号北1線", "東神楽町14号北2線", HIGASHIKAGURA],
    ["上富良野町西2線北25号", "上富良野町東2線北25号", KAMIFURANO],
    ["上富良野町西2線北25号", "上富良野町西2線南25号", KAMIFURANO],
    ["帯広市西5条南7丁目1番地", "帯広市西5条北7丁目1番地", OBIHIRO],
    ["帯広市西5条南7丁目1番地", "帯広市東5条南7丁目1番地", OBIHIRO],
    ["札幌市中央区北1条西2丁目", "札幌市中央区南1条西2丁目", SAPPORO],
    ["札幌市中央区北1条西2丁目", "札幌市中央区北1条東2丁目", SAPPORO],
    ["札幌市豊平区月寒東1条8丁目2-1", "札幌市豊平区月寒西1条8丁目2-1", SAPPORO],
  ] as const)("%s ≠ %s", (a, b, town) => {
    expect(addressKey(a, town)).not.toBe(addressKey(b, town));
    expect(compareAddresses(a, b, town)).toBe("none");
  });

  it("reads the whole Asahikawa street address into the block, leaving no building", () => {
    expect(normalizeAddress("旭川市4条通8丁目1番地", ASAHIKAWA)).toEqual({ block: "4条通8-1", building: "", room: "" });
    expect(normalizeAddress("旭川市4条通8丁目1番地 コーポ旭202号室", ASAHIKAWA)).toEqual({ block: "4条通8-1", building: "こーぽ旭202", room: "202" });
  });
});

describe("rooms", () => {
  it.each([
    // different rooms of one building are different places
    ["旭川市4条通8丁目1-1 コーポ旭101号室", "旭川市4条通8丁目1-1 コーポ旭102号室", "none"],
    ["札幌市北区北7条西5丁目7-1 サンハイツ203号室", "札幌市北区北7条西5丁目7-1 サンハイツ204", "none"],
    ["当麻町3条東2丁目11-1-102", "当麻町3条東2丁目11-1 コーポ当麻101号室", "none"],
    // the same room, whatever the building is called or whether it is named
    ["当麻町伊香牛111-101", "当麻町伊香牛111 コーポ伊香牛101号室", "block"],
    ["旭川市4条通8丁目1-1-101", "旭川市4条通8丁目1-1 コーポ旭101号室", "block"],
    ["旭川市4条通8丁目1-1 101号室", "旭川市4条通8丁目1-1 コーポ旭101", "block"],
    ["旭川市4条通8丁目1-1-101号室", "旭川市4条通8丁目1-1 コーポ旭101号室", "block"],
    ["旭川市4条通8丁目1-1 コーポ旭101号室", "北海道旭川市四条通り八丁目一番一号ｺｰﾎﾟ旭101", "exact"],
    // a room on one side only: a candidate for staff
    ["旭川市4条通8丁目1-1 コーポ旭101号室", "旭川市4条通8丁目1-1", "partial"],
    ["旭川市4条通8丁目1-1-101", "旭川市4条通8丁目1-1", "partial"],
    // buildings without rooms
    ["旭川市4条通8丁目1-1 旭ビル", "旭川市4条通8丁目1-1", "block"],
  ] as const)("%s vs %s → %s", (a, b, expected) => {
    expect(compareAddresses(a, b, ASAHIKAWA)).toBe(expected);
    expect(compareAddresses(b, a, ASAHIKAWA)).toBe(expected);
  });

  it("reads 号室 after the block as the room, not a fourth block level", () => {
    expect(normalizeAddress("旭川市4条通8丁目1-1-101号室", ASAHIKAWA)).toEqual({ block: "4条通8-1-1", building: "101", room: "101" });
  });
});

describe("duplicate grouping across a room written as a trailing hyphen part", () => {
  const person = { name: "佐藤 花子", kana: "サトウ ハナコ" };
  it.each([
    [["当麻町伊香牛111-101", "当麻町伊香牛111 コーポ伊香牛101号室"], [["a", "b"]]],
    [["旭川市4条通8丁目1-1-101", "旭川市4条通8丁目1-1 コーポ旭101号室"], [["a", "b"]]],
    [["旭川市4条通8丁目1-1 コーポ旭101号室", "旭川市四条通八丁目一番一号-101"], [["a", "b"]]],
    // a different room, or a different 番地, is a different home
    [["当麻町伊香牛111-102", "当麻町伊香牛111 コーポ伊香牛101号室"], []],
    [["当麻町伊香牛112-101", "当麻町伊香牛111 コーポ伊香牛101号室"], []],
    [["当麻町伊香牛111-101", "当麻町伊香牛111-102"], []],
    [["当麻町伊香牛111-101", "当麻町伊香牛1110 コーポ伊香牛101号室"], []],
    // a bare 111 may be a 番地 with 枝番 111-101 or not: no room to compare, left to staff
    [["当麻町伊香牛111-101", "当麻町伊香牛111"], []],
  ] as const)("%j → %j", (addresses, expected) => {
    const records = addresses.map((address, i) => ({ id: "ab"[i]!, address, ...person }));
    expect(groupFuzzyDuplicates(records, { town: TOMA })).toEqual(expected);
  });

  it("pairs the room with the hyphen form without chaining two rooms together", () => {
    const groups = groupFuzzyDuplicates(
      [
        { id: "hyphen", address: "当麻町伊香牛111-101", ...person },
        { id: "room101", address: "当麻町伊香牛111 コーポ伊香牛101号室", ...person },
        { id: "room102", address: "当麻町伊香牛111 コーポ伊香牛102号室", ...person },
      ],
      { town: TOMA },
    );
    expect(groups).toEqual([["hyphen", "room101"]]);
  });

  it("mayBeSamePlace: the same judgement for merging", () => {
    const place = (raw: string) => normalizeAddress(raw, TOMA);
    expect(mayBeSamePlace(place("当麻町伊香牛111-101"), place("当麻町伊香牛111 コーポ101号室"))).toBe(true);
    expect(mayBeSamePlace(place("当麻町伊香牛111-101"), place("当麻町伊香牛111 コーポ102号室"))).toBe(false);
    expect(mayBeSamePlace(place("当麻町伊香牛111 コーポ101号室"), place("当麻町伊香牛111"))).toBe(true);
    expect(parentBlock("伊香牛111-101")).toBe("伊香牛111");
    expect(parentBlock("3条東2")).toBeNull();
  });
});
