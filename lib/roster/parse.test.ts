import { readFileSync } from "node:fs";
import path from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { TOMA_TOWN } from "@/lib/matching/normalize";
import { decodeRosterBytes, parseRosterCsv } from "./parse";

const fixture = (name: string) => new Uint8Array(readFileSync(path.join(import.meta.dirname, "fixtures", name)));
const OPTIONS = { referenceDate: "2025-11-01", town: TOMA_TOWN };
const HEADER = "世帯番号,住所,氏名,氏名カナ,生年月日,性別,続柄";

describe("parseRosterCsv on the valid fixture", () => {
  const expectValid = (result: ReturnType<typeof parseRosterCsv>) => {
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result;
  };

  it("reads UTF-8 with BOM and CRLF into households with the head first", () => {
    const result = expectValid(parseRosterCsv(fixture("roster-valid.csv"), OPTIONS));
    expect(result.encoding).toBe("utf-8");
    expect(result.memberCount).toBe(9);
    expect(result.households.map((household) => [household.code, household.members.length])).toEqual([
      ["0001", 3],
      ["0002", 2],
      ["0003", 2],
      ["0004", 1],
      ["0005", 1],
    ]);
    const takahashi = result.households[0]!;
    expect(takahashi).toMatchObject({
      address: "北海道上川郡当麻町3条東2丁目11番1号",
      addressKey: "3条東2-11-1",
      building: "",
      head: { name: "髙橋 一郎", nameKey: "高橋一郎", kana: "タカハシ イチロウ", birthDate: "1950-04-01", sex: "male", isHead: true, line: 2 },
    });
    expect(takahashi.members.map((member) => [member.name, member.kana, member.birthDate, member.sex, member.relationship])).toEqual([
      ["髙橋 一郎", "タカハシ イチロウ", "1950-04-01", "male", "世帯主"],
      ["髙橋 和子", "タカハシ カズコ", "1952-10-03", "female", "妻"],
      ["髙橋 翔", "タカハシ ショウ", "2010-04-01", "male", "孫"],
    ]);
    expect(takahashi.members[2]).toMatchObject({ nameKey: "高橋翔", kanaKey: "たかはししよお", isHead: false });
  });

  it("keeps the building, accepts 本人 as head and non-adjacent rows of one household", () => {
    const result = expectValid(parseRosterCsv(fixture("roster-valid.csv"), OPTIONS));
    const byCode = new Map(result.households.map((household) => [household.code, household]));
    expect(byCode.get("0002")).toMatchObject({ addressKey: "4条西1-5-2", building: "こーぽ当麻101" });
    expect(byCode.get("0002")!.members.map((member) => [member.kana, member.birthDate, member.sex])).toEqual([
      ["ヤマザキ ハナコ", "1988-02-29", "female"],
      ["ヤマザキ ヒナタ", "2020-05-01", "male"],
    ]);
    expect(byCode.get("0003")!.members.map((member) => [member.line, member.birthDate])).toEqual([
      [7, "1989-01-08"],
      [9, "1991-03-03"],
    ]);
    expect(byCode.get("0004")!.head).toMatchObject({ name: "渡邊 ハル", nameKey: "渡辺ハル", birthDate: "1926-12-24", relationship: "本人" });
    expect(byCode.get("0005")!.head.birthDate).toBe("1960-01-02");
  });

  it("reads the Shift_JIS copy to the same households", () => {
    const utf8 = expectValid(parseRosterCsv(fixture("roster-valid.csv"), OPTIONS));
    const sjis = expectValid(parseRosterCsv(fixture("roster-valid-sjis.csv"), OPTIONS));
    expect(sjis.encoding).toBe("shift_jis");
    expect(sjis.households).toEqual(utf8.households);
  });

  it("accepts LF, no BOM, columns in another order and extra columns", () => {
    const csv = [
      "続柄,性別,生年月日,フリガナ,氏名,住所,備考,世帯コード",
      "世帯主,女,1940-01-01,スズキ ウメ,鈴木 ウメ,当麻町1条西1丁目1-1,独居,Ａ-１",
    ].join("\n");
    const result = expectValid(parseRosterCsv(new TextEncoder().encode(csv), OPTIONS));
    expect(result.households).toHaveLength(1);
    expect(result.households[0]).toMatchObject({ code: "A-1", addressKey: "1条西1-1-1", head: { name: "鈴木 ウメ" } });
  });
});

describe("parseRosterCsv reports every bad row", () => {
  it("lists each error of the error fixture with its line and reason, and yields no households", () => {
    const result = parseRosterCsv(fixture("roster-errors.csv"), OPTIONS);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { line: 2, message: "氏名が空です" },
      { line: 3, message: "生年月日が正しくありません: 存在しない日付です（S25.13.1）" },
      { line: 4, message: "性別「X」は使えません（男・女・1・2 のいずれか）" },
      { line: 5, message: "世帯番号 0102 に世帯主がいません（続柄が「世帯主」の行が必要です）" },
      { line: 7, message: "世帯番号 0103 に世帯主が2人以上います（6行目と7行目）" },
      { line: 8, message: "住所が同じ世帯（世帯番号 0103）の6行目と異なります" },
      { line: 9, message: "8行目と同じ人です（氏名と生年月日が同じ）" },
      { line: 10, message: "生年月日（2030-01-01）が基準日より後です" },
      { line: 11, message: "列の数が見出し行（7列）と違います（6列）" },
      { line: 12, message: "氏名カナはカタカナかひらがなで書いてください" },
      { line: 14, message: "性別「不明」は使えません（男・女・1・2 のいずれか）" },
      { line: 16, message: "生年月日が空です" },
    ]);
  });

  it("reports a person listed in two households", () => {
    const csv = [
      HEADER,
      "1,当麻町1条西1丁目1-1,鈴木 ウメ,スズキ ウメ,1940-01-01,女,世帯主",
      "2,当麻町1条西1丁目2-1,鈴木 ウメ,スズキ ウメ,S15.1.1,女,世帯主",
    ].join("\r\n");
    expect(parseRosterCsv(csv, OPTIONS)).toEqual({
      ok: false,
      encoding: "utf-8",
      errors: [{ line: 3, message: "世帯番号 1 の2行目と同じ人です（氏名と生年月日が同じ）" }],
    });
  });

  it("reports missing header columns", () => {
    const result = parseRosterCsv("世帯番号,住所,氏名,生年月日,性別\r\n1,a,b,1950-01-01,男", OPTIONS);
    expect(result).toEqual({
      ok: false,
      encoding: "utf-8",
      errors: [
        { line: 1, message: "見出し行に「氏名カナ」の列がありません" },
        { line: 1, message: "見出し行に「続柄」の列がありません" },
      ],
    });
  });

  it("reports an empty file, a header without rows and an unclosed quote", () => {
    expect(parseRosterCsv("", OPTIONS)).toMatchObject({ ok: false, errors: [{ line: 0, message: "ファイルが空です" }] });
    expect(parseRosterCsv(`${HEADER}\r\n`, OPTIONS)).toMatchObject({ ok: false, errors: [{ line: 0, message: "データ行がありません" }] });
    const unclosed = parseRosterCsv(`${HEADER}\r\n1,"当麻町,a,b,1950-01-01,男,世帯主\r\n`, OPTIONS);
    expect(unclosed).toMatchObject({ ok: false, errors: [{ message: "CSV の形式が正しくありません（引用符 \" が閉じられていません）" }] });
  });

  it("skips blank rows a spreadsheet leaves behind, but a file of only blank rows has no data", () => {
    const good = "1,当麻町1条西1丁目1-1,鈴木 ウメ,スズキ ウメ,1940-01-01,女,世帯主";
    const result = parseRosterCsv([HEADER, good, ",,,,,,", " , ,,,,,", ",,,,,,"].join("\r\n"), OPTIONS);
    expect(result).toMatchObject({ ok: true, memberCount: 1 });
    expect(parseRosterCsv([HEADER, ",,,,,,"].join("\r\n"), OPTIONS)).toMatchObject({ ok: false, errors: [{ line: 0, message: "データ行がありません" }] });
  });

  it("one bad row anywhere means no households at all", () => {
    const good = "1,当麻町1条西1丁目1-1,鈴木 ウメ,スズキ ウメ,1940-01-01,女,世帯主";
    const bad = "2,当麻町1条西1丁目2-1,佐藤 一,サトウ ハジメ,1940-02-30,男,世帯主";
    const result = parseRosterCsv([HEADER, good, bad].join("\n"), OPTIONS);
    expect(result).toEqual({
      ok: false,
      encoding: "utf-8",
      errors: [{ line: 3, message: "生年月日が正しくありません: 存在しない日付です（1940-02-30）" }],
    });
  });
});

describe("decodeRosterBytes", () => {
  it("detects UTF-8, CP932 and undecodable bytes", () => {
    expect(decodeRosterBytes(new TextEncoder().encode("\uFEFF髙橋"))).toEqual({ text: "髙橋", encoding: "utf-8" });
    expect(decodeRosterBytes(iconv.encode("髙橋 﨑 ①", "cp932"))).toEqual({ text: "髙橋 﨑 ①", encoding: "shift_jis" });
    expect(decodeRosterBytes(new Uint8Array([0x82, 0xa0, 0xff, 0xff]))).toBeNull();
  });

  it("rejects a file in neither encoding", () => {
    expect(parseRosterCsv(new Uint8Array([0x82, 0xa0, 0xff, 0xff]), OPTIONS)).toEqual({
      ok: false,
      encoding: null,
      errors: [{ line: 0, message: "文字コードを判別できません。UTF-8 または Shift_JIS で保存してください" }],
    });
  });
});

describe("parseRosterCsv: 郵便番号", () => {
  const csv = (postal: string) =>
    `${HEADER},郵便番号\n0001,当麻町3条東2丁目11番1号,髙橋 一郎,タカハシ イチロウ,1950-04-01,男,世帯主,${postal}\n0001,当麻町3条東2丁目11番1号,髙橋 和子,タカハシ カズコ,1952-10-03,女,妻,\n`;

  it("reads 078-1393, 〒０７８－１３９３ and 0781393 as seven digits, from the head's row", () => {
    for (const written of ["078-1393", "〒０７８－１３９３", "0781393"]) {
      const result = parseRosterCsv(csv(written), OPTIONS);
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      expect(result.households[0]!.postalCode).toBe("0781393");
    }
  });

  it("is optional: without the column or with an empty cell the household has none", () => {
    const without = parseRosterCsv(`${HEADER}\n0001,当麻町3条東2丁目11番1号,髙橋 一郎,タカハシ イチロウ,1950-04-01,男,世帯主\n`, OPTIONS);
    expect(without.ok && without.households[0]!.postalCode).toBeNull();
    const empty = parseRosterCsv(csv(""), OPTIONS);
    expect(empty.ok && empty.households[0]!.postalCode).toBeNull();
  });

  it("reports a malformed code with its line", () => {
    const result = parseRosterCsv(csv("078-139"), OPTIONS);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toContainEqual({ line: 2, message: "郵便番号は7桁の数字で書いてください（例: 078-1393）" });
  });
});
