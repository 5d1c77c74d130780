import { describe, expect, it } from "vitest";
import {
  ABIRA_TOWN,
  TOMA_TOWN,
  addressKey,
  compareAddresses,
  groupFuzzyDuplicates,
  kanaKey,
  kanjiToNumber,
  nameKey,
  nameSimilarity,
  normalizeAddress,
  normalizeKana,
  normalizeName,
  stringSimilarity,
} from "./normalize";

const CANONICAL = "当麻町3条東2丁目11番1号";

describe("addressKey: variants of one Hokkaido address are equal", () => {
  it.each([
    "北海道上川郡当麻町3条東2丁目11番1号",
    "当麻町3条東2丁目11番1号",
    "上川郡当麻町3条東2丁目11番1号",
    "北海道当麻町3条東2丁目11番1号",
    "3条東2丁目11番1号",
    "当麻町三条東二丁目11-1",
    "当麻町三条東二丁目十一番一号",
    "当麻町三条東二丁目十一番地一",
    "当麻町3条東2丁目11番地1",
    "当麻町3条東2丁目11番地の1",
    "当麻町3条東2丁目11の1",
    "当麻町3条東2丁目11ノ1",
    "当麻町3条東2-11-1",
    "当麻町3-東2-11-1",
    "当麻町3東2-11-1",
    "当麻町３条東２丁目１１－１",
    "当麻町３条東２丁目１１ー１",
    "当麻町3条東2丁目11ｰ1",
    "当麻町3条東2丁目11−1",
    "当麻町3条東2丁目11–1",
    "当麻町3条東2丁目11—1",
    "当麻町3条東2丁目11‐1",
    "当麻町3条東2丁目11―1",
    "当麻町3条東2丁目11─1",
    "当麻町　3条東　2丁目　11-1",
    " 当麻町 3条東 2丁目 11 - 1 ",
    "当麻町三條東二丁目11-1",
    "当麻町3条東2丁目011-01",
    "〒078-1393 北海道上川郡当麻町3条東2丁目11番地1",
    "〒0781393北海道上川郡当麻町3条東2丁目11-1",
    "当麻町3条東2丁11-1",
    "北海道上川郡当麻町3条東2丁目11番1号 コーポ当麻101号室",
    "当麻町3条東2丁目11-1コーポ当麻101",
    "当麻町3条東2丁目11-1 101",
  ])("%s", (variant) => {
    expect(addressKey(variant, TOMA_TOWN)).toBe("3条東2-11-1");
    expect(addressKey(variant, TOMA_TOWN)).toBe(addressKey(CANONICAL, TOMA_TOWN));
  });
});

describe("addressKey: other real-world forms", () => {
  it.each([
    ["当麻町字伊香牛1234番地の5", "伊香牛1234-5"],
    ["北海道上川郡当麻町大字伊香牛1234-5", "伊香牛1234-5"],
    ["当麻町伊香牛千二百三十四番地五", "伊香牛1234-5"],
    ["当麻町伊香牛一二三四番地五", "伊香牛1234-5"],
    ["当麻町5条西4丁目", "5条西4"],
    ["当麻町五条西四丁目", "5条西4"],
    ["当麻町東2線12号", "東2線12"],
    ["北海道上川郡当麻町宇園別1区", "宇園別1区"],
    ["当麻町宇園別一区123番地", "宇園別1区123"],
    ["岩手郡雫石町第3地割12番地", "岩手郡雫石町第3地割12"],
    ["当麻町東二線十二号", "東2線12"],
    ["東神楽町14号北1線", "東神楽町14号北1線"],
    ["東神楽町十四号北一線", "東神楽町14号北1線"],
    ["札幌市中央区北1条西2丁目", "札幌市中央区北1条西2"],
    ["札幌市中央区北一条西二丁目", "札幌市中央区北1条西2"],
    ["札幌市中央区北1西2", "札幌市中央区北1条西2"],
    ["札幌市中央区北一西二", "札幌市中央区北1条西2"],
    ["札幌市中央区北1西2丁目3-4", "札幌市中央区北1条西2-3-4"],
    ["北斗市七重浜1丁目", "北斗市七重浜1"],
    ["北海道勇払郡安平町早来大町95番地", "早来大町95"],
    ["安平町早来大町九十五", "早来大町95"],
    ["安平町追分柏が丘49-1", "追分柏ケ丘49-1"],
    ["安平町追分柏ヶ丘49-1", "追分柏ケ丘49-1"],
    ["七飯町本町1丁目2番3号", "七飯町本町1-2-3"],
    ["三笠市幸町二番地", "三笠市幸町2"],
    ["十勝郡浦幌町字桜町十五番地", "十勝郡浦幌町字桜町15"],
    ["東京都千代田区霞が関一丁目三番一号", "東京都千代田区霞ケ関1-3-1"],
    ["千代田区霞ヶ関1-3-1", "千代田区霞ケ関1-3-1"],
  ])("%s → %s", (input, expected) => {
    const town = input.includes("安平") ? ABIRA_TOWN : TOMA_TOWN;
    expect(addressKey(input, town)).toBe(expected);
  });
});

describe("addressKey: different places never match", () => {
  it.each([
    ["当麻町3条東2丁目11番1号", "当麻町3条東2丁目11番2号"], // different 号
    ["当麻町3条東2丁目11番1号", "当麻町3条東2丁目12番1号"], // different 番地
    ["当麻町3条東2丁目11番1号", "当麻町4条東2丁目11番1号"], // different 条
    ["当麻町3条東2丁目11番1号", "当麻町3条西2丁目11番1号"], // different direction
    ["当麻町3条東2丁目11番1号", "当麻町3条東3丁目11番1号"], // different 丁目
    ["当麻町3条東2丁目11番1号", "当麻町3-2-11-1"], // direction lost
    ["当麻町3条東2丁目11番1号", "当麻町3条東2丁目1番11号"], // swapped numbers
    ["当麻町3条東2丁目11番1号", "当麻町3条東2丁目111"],
    ["当麻町3条東2丁目11番1号", "比布町3条東2丁目11番1号"], // other municipality
    ["当麻町3条東2丁目11番1号", "北海道上川郡比布町3条東2丁目11番1号"],
    ["当麻町字伊香牛1234番地の5", "当麻町字伊香牛1234番地の6"],
    ["当麻町東2線12号", "当麻町東2条12号"], // 線 is not 条
    ["当麻町東2線12号", "当麻町西2線12号"],
    ["当麻町宇園別1区", "当麻町宇園別2区"],
    ["当麻町3条東2丁目11番1号", "当麻町13条東2丁目11番1号"],
  ])("%s ≠ %s", (a, b) => {
    expect(addressKey(a, TOMA_TOWN)).not.toBe(addressKey(b, TOMA_TOWN));
    expect(compareAddresses(a, b, TOMA_TOWN)).toBe("none");
  });
});

describe("normalizeAddress keeps the building separately", () => {
  it.each([
    ["当麻町3条東2丁目11番1号 コーポ当麻101号室", "こーぽ当麻101"],
    ["当麻町3条東2丁目11-1 ｺｰﾎﾟ当麻 101", "こーぽ当麻101"],
    ["当麻町3条東2丁目11-1こーぽ当麻101号", "こーぽ当麻101"],
    ["当麻町3条東2丁目11-1 グリーン・ハイツ二〇一号室", "ぐりーんはいつ201"],
    ["当麻町3条東2丁目11-1", ""],
  ])("%s", (input, building) => {
    expect(normalizeAddress(input, TOMA_TOWN)).toEqual({ block: "3条東2-11-1", building, room: /\d+$/u.exec(building)?.[0] ?? "" });
  });
});

describe("compareAddresses", () => {
  it.each([
    ["当麻町3条東2丁目11-1 コーポ当麻101", "北海道上川郡当麻町三条東二丁目十一番一号ｺｰﾎﾟ当麻101号室", "exact"],
    ["当麻町3条東2丁目11-1 コーポ当麻101", "当麻町3条東2丁目11-1", "partial"], // room on one side only
    ["当麻町3条東2丁目11-1 コーポ当麻101", "当麻町3条東2丁目11-1 コーポ当麻102", "none"], // two homes
    ["当麻町3条東2丁目11-1 コーポ当麻", "当麻町3条東2丁目11-1", "block"],
    ["当麻町3条東2丁目11-1-101", "当麻町3条東2丁目11-1", "partial"],
    ["当麻町3条東2丁目11-10", "当麻町3条東2丁目11-1", "none"],
  ] as const)("%s vs %s → %s", (a, b, expected) => {
    expect(compareAddresses(a, b, TOMA_TOWN)).toBe(expected);
  });

  it("keeps the town prefix when no profile is given", () => {
    expect(addressKey("北海道上川郡当麻町3条東2丁目11-1")).toBe("北海道上川郡当麻町3条東2-11-1");
    expect(addressKey("当麻町3条東2丁目11-1")).not.toBe(addressKey("北海道上川郡当麻町3条東2丁目11-1"));
  });
});

describe("kanjiToNumber", () => {
  it.each([
    ["一", 1],
    ["九", 9],
    ["十", 10],
    ["十一", 11],
    ["二十", 20],
    ["二十三", 23],
    ["九十九", 99],
    ["百", 100],
    ["百五", 105],
    ["三百二十", 320],
    ["千二百三十四", 1234],
    ["二〇三", 203],
    ["一二三四", 1234],
    ["〇", 0],
  ] as const)("%s = %d", (text, value) => {
    expect(kanjiToNumber(text)).toBe(value);
  });

  it.each(["", "十十", "十百", "二三十", "東"])("rejects %j", (text) => {
    expect(kanjiToNumber(text)).toBeNull();
  });
});

describe("names", () => {
  it.each([
    ["髙橋 一郎", "高橋一郎"],
    ["高橋　一郎", "高橋一郎"],
    ["山﨑 花子", "山崎花子"],
    ["山嵜花子", "山崎花子"],
    ["渡邊 健", "渡辺健"],
    ["渡邉 健", "渡辺健"],
    ["澤田 翔", "沢田翔"],
    ["濱口 誠", "浜口誠"],
    ["齋藤 茂", "斎藤茂"],
    ["齊藤 茂", "斎藤茂"],
    ["斉藤 茂", "斎藤茂"],
    ["廣田 進", "広田進"],
    ["國分 実", "国分実"],
    ["櫻井 翔子", "桜井翔子"],
    ["眞野 仁", "真野仁"],
    ["一ノ瀬 蓮", "一ノ瀬蓮"],
    ["一の瀬 蓮", "一ノ瀬蓮"],
    ["一之瀬 蓮", "一ノ瀬蓮"],
    ["佐々木 洋", "佐佐木洋"],
    ["葛\u{E0100}西 洋", "葛西洋"],
    ["ＡＢＣ 太郎", "ABC太郎"],
  ])("nameKey(%s) = %s", (input, key) => {
    expect(nameKey(input)).toBe(key);
  });

  it("normalizeName keeps one half-width space", () => {
    expect(normalizeName("  髙橋　　一郎 ")).toBe("高橋 一郎");
  });

  it.each([
    ["やまだ はなこ", "ヤマダ ハナコ"],
    ["佐藤 さくら", "佐藤 サクラ"],
    ["ｻﾄｳ ｻｸﾗ", "さとう さくら"],
    ["霞ヶ関 みどり", "霞が関 ミドリ"],
  ])("hiragana and katakana share the name key: %s = %s", (a, b) => {
    expect(nameKey(a)).toBe(nameKey(b));
  });

  it("different people stay different", () => {
    expect(nameKey("高橋一郎")).not.toBe(nameKey("高橋二郎"));
    expect(nameKey("斎藤茂")).not.toBe(nameKey("佐藤茂"));
  });
});

describe("kana", () => {
  it.each([
    ["サトウ タロウ", "さとおたろお"],
    ["さとう たろう", "さとおたろお"],
    ["ｻﾄｳ ﾀﾛｳ", "さとおたろお"],
    ["サトー タロー", "さとおたろお"],
    ["サトウ　タロウ", "さとおたろお"],
    ["オオノ", "おおの"],
    ["オウノ", "おおの"],
    ["セイコ", "せえこ"],
    ["セーコ", "せえこ"],
    ["キョウコ", "きよおこ"],
    ["キヨコ", "きよこ"],
    ["ｶﾞｯｺｳ", "がつこお"],
    ["ヂヅヲ", "じずお"],
    ["ヴィ", "ぶい"],
    ["ユウコ", "ゆうこ"],
    ["ユーコ", "ゆうこ"],
  ])("kanaKey(%s) = %s", (input, key) => {
    expect(kanaKey(input)).toBe(key);
  });

  it("keeps voicing distinctions", () => {
    expect(kanaKey("サイトウ")).not.toBe(kanaKey("サイドウ"));
  });

  it("normalizeKana stores full-width katakana", () => {
    expect(normalizeKana("ﾔﾏﾀﾞ　ﾀﾛｳ")).toBe("ヤマダ タロウ");
    expect(normalizeKana("やまだ たろう")).toBe("ヤマダ タロウ");
  });
});

describe("similarity and fuzzy duplicate groups", () => {
  it("stringSimilarity is 1 for equal, 0 for disjoint, in between otherwise", () => {
    expect(stringSimilarity("", "")).toBe(1);
    expect(stringSimilarity("abc", "abc")).toBe(1);
    expect(stringSimilarity("abc", "xyz")).toBe(0);
    expect(stringSimilarity("やまだたろう", "やまだたろ")).toBeCloseTo(5 / 6);
  });

  it("scores variant spellings of one person high and family members lower", () => {
    const same = nameSimilarity({ name: "髙橋 一郎", kana: "タカハシ イチロウ" }, { name: "高橋一朗", kana: "たかはしいちろー" });
    const family = nameSimilarity({ name: "高橋 一郎", kana: "タカハシ イチロウ" }, { name: "高橋 花子", kana: "タカハシ ハナコ" });
    expect(same).toBe(1);
    expect(family).toBeLessThan(0.8);
    expect(nameSimilarity({ name: "高橋一郎" }, { name: "高橋一朗" })).toBeLessThan(0.8);
  });

  it.each([
    [{ name: "山田 太郎", kana: "ヤマダ タロウ" }, { name: "山田 次郎", kana: "ヤマダ ジロウ" }],
    [{ name: "山田太郎", kana: "ヤマダタロウ" }, { name: "山田次郎", kana: "ヤマダジロウ" }],
    [{ name: "山田 太郎" }, { name: "山田 次郎" }],
    [{ name: "佐藤 花子", kana: "サトウ ハナコ" }, { name: "佐藤 春子", kana: "サトウ ハルコ" }],
    [{ name: "佐藤 優", kana: "サトウ ユウ" }, { name: "佐藤 悠", kana: "サトウ ユキ" }],
  ])("a shared family name and a given name a whole mora apart are two people: %o / %o", (a, b) => {
    expect(nameSimilarity(a, b)).toBeLessThan(0.8);
  });

  it("still finds one person's typing variants", () => {
    expect(nameSimilarity({ name: "山﨑 花子", kana: "ヤマザキ ハナコ" }, { name: "山崎 花子", kana: "ヤマサキ ハナコ" })).toBeGreaterThanOrEqual(0.8);
    expect(nameSimilarity({ name: "高橋 一郎", kana: "たかはし いちろう" }, { name: "髙橋 一郎", kana: "タカハシ イチロー" })).toBe(1);
  });

  it("keeps siblings and rooms apart when grouping", () => {
    const groups = groupFuzzyDuplicates(
      [
        { id: "taro", address: "当麻町3条東2丁目11-1", name: "山田 太郎", kana: "ヤマダ タロウ" },
        { id: "jiro", address: "当麻町3条東2丁目11-1", name: "山田 次郎", kana: "ヤマダ ジロウ" },
        { id: "hanako-101", address: "当麻町3条東2丁目11-1 コーポ当麻101号室", name: "佐藤 花子", kana: "サトウ ハナコ" },
        { id: "hanako-102", address: "当麻町3条東2丁目11-1 コーポ当麻102号室", name: "佐藤 花子", kana: "サトウ ハナコ" },
      ],
      { town: TOMA_TOWN },
    );
    expect(groups).toEqual([]);
  });

  it("groups one person filed twice in the same room", () => {
    const groups = groupFuzzyDuplicates(
      [
        { id: "a", address: "当麻町3条東2丁目11-1 コーポ当麻101号室", name: "佐藤 花子", kana: "サトウ ハナコ" },
        { id: "b", address: "当麻町3条東2丁目11-1 ｺｰﾎﾟ当麻 101", name: "佐藤 はなこ", kana: "さとう はなこ" },
        { id: "c", address: "当麻町3条東2丁目11-1 コーポ当麻102号室", name: "佐藤 花子", kana: "サトウ ハナコ" },
      ],
      { town: TOMA_TOWN },
    );
    expect(groups).toEqual([["a", "b"]]);
  });

  it("groups similar names at the same normalised address only", () => {
    const groups = groupFuzzyDuplicates(
      [
        { id: "a", address: "当麻町3条東2丁目11-1", name: "山﨑 花子", kana: "ヤマザキ ハナコ" },
        { id: "b", address: "北海道上川郡当麻町三条東二丁目十一番一号", name: "山崎花子", kana: "やまざきはなこ" },
        { id: "c", address: "当麻町3条東2丁目11番1号 コーポ当麻101", name: "山崎 はな子", kana: "ヤマザキ ハナコ" },
        { id: "d", address: "当麻町3条東2丁目11-1", name: "山崎 太郎", kana: "ヤマザキ タロウ" },
        { id: "e", address: "当麻町3条東2丁目11-2", name: "山崎 花子", kana: "ヤマザキ ハナコ" },
        { id: "f", address: "当麻町4条東2丁目11-1", name: "佐藤 一", kana: "サトウ ハジメ" },
      ],
      { town: TOMA_TOWN },
    );
    expect(groups).toEqual([["a", "b", "c"]]);
  });

  it("threshold 0 groups a whole address", () => {
    const groups = groupFuzzyDuplicates(
      [
        { id: "a", address: "当麻町3条東2丁目11-1", name: "山崎 花子" },
        { id: "b", address: "当麻町3-東2-11-1", name: "佐藤 一" },
        { id: "c", address: "当麻町3条東2丁目11-2", name: "佐藤 一" },
      ],
      { town: TOMA_TOWN, threshold: 0 },
    );
    expect(groups).toEqual([["a", "b"]]);
  });
});

describe("normalizeAddress, remembered for recent addresses", () => {
  it("answers a repeated address the same, keeps towns apart, and stays right past its bound", () => {
    const first = normalizeAddress("北海道上川郡当麻町3条東2丁目11番1号 コーポ当麻101号室", TOMA_TOWN);
    expect(normalizeAddress("北海道上川郡当麻町3条東2丁目11番1号 コーポ当麻101号室", TOMA_TOWN)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    // The same text under another town keeps its own prefixes: not the remembered answer.
    expect(normalizeAddress("北海道上川郡当麻町3条東2丁目11番1号", ABIRA_TOWN).block).not.toBe(normalizeAddress("北海道上川郡当麻町3条東2丁目11番1号", TOMA_TOWN).block);
    for (let i = 0; i < 5000; i++) normalizeAddress(`当麻町${i}条東1丁目1番1号`, TOMA_TOWN);
    expect(normalizeAddress("北海道上川郡当麻町3条東2丁目11番1号 コーポ当麻101号室", TOMA_TOWN)).toEqual({ block: "3条東2-11-1", building: "こーぽ当麻101", room: "101" });
  });
});
