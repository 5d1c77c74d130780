import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import iconv from "iconv-lite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeBatchFile } from "./batch-writer";
import { type ColumnMapping, DEFAULT_MAPPING, type GrantRow, csvLine, encodeText, parseColumnMapping } from "./format";
import { parseResultFile } from "./result";
import { BatchRejectedError, SimulatedVendor, answerFileDrop, simulateResultFile } from "./simulator";
import { FileDropVendor, VendorRejectedBatchError } from "./vendor";

const UTF8_MAPPING = parseColumnMapping({ ...DEFAULT_MAPPING, encoding: "utf-8" });
const NAMES = ["髙橋 一郎", "山﨑 花子", "渡邊 ハル", "齋藤 茂", "𠮷田 誠", "佐藤 みどり"];

function rows(count: number): GrantRow[] {
  return Array.from({ length: count }, (_, i) => ({
    applicationId: `app-${String(i + 1).padStart(6, "0")}`,
    receiptNumber: `R7-${String(i + 1).padStart(6, "0")}`,
    householdCode: `H${String(i + 1).padStart(5, "0")}`,
    representativeName: NAMES[i % NAMES.length]!,
    representativeKana: "タカハシ イチロウ",
    birthDate: "1950-04-01",
    points: 10_000 * ((i % 4) + 1),
  }));
}

const totalsOf = (list: GrantRow[]) => ({ count: list.length, totalPoints: list.reduce((sum, row) => sum + row.points, 0) });

function expectation(batchId: string, list: GrantRow[]) {
  const points = new Map(list.map((row) => [row.applicationId, row.points]));
  return { batchId, ...totalsOf(list), pointsOf: (id: string) => points.get(id) };
}

async function batchBytes(list: GrantRow[], mapping: ColumnMapping, batchId = "B001") {
  const { stream, totals } = writeBatchFile(list, { batchId, mapping });
  const bytes = await buffer(stream);
  return { bytes, totals: await totals };
}

describe("batch file writer", () => {
  it("writes header, mapped rows and a trailer with the control totals, CRLF, UTF-8 with BOM", async () => {
    const list = rows(3);
    const { bytes, totals } = await batchBytes(list, UTF8_MAPPING);
    expect(totals).toEqual({ count: 3, totalPoints: 60_000 });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString("utf8")).toBe(
      [
        "受付番号,申請ID,世帯番号,代表者氏名,代表者氏名カナ,生年月日,付与ポイント",
        "R7-000001,app-000001,H00001,髙橋 一郎,タカハシ イチロウ,19500401,10000",
        "R7-000002,app-000002,H00002,山﨑 花子,タカハシ イチロウ,19500401,20000",
        "R7-000003,app-000003,H00003,渡邊 ハル,タカハシ イチロウ,19500401,30000",
        "合計,B001,3,60000",
        "",
      ].join("\r\n"),
    );
  });

  it("follows a configurable mapping: order, labels, subset of fields and date formats", async () => {
    const mapping = parseColumnMapping({
      columns: [
        { field: "points", label: "ポイント" },
        { field: "applicationId", label: "ID" },
        { field: "birthDate", label: "生年月日(和暦)", dateFormat: "wareki" },
        { field: "birthDate", label: "生年月日", dateFormat: "slash" },
        { field: "representativeName", label: "氏名, 漢字" },
      ],
      encoding: "utf-8",
      bom: false,
    });
    const { bytes } = await batchBytes([{ ...rows(1)[0]!, representativeName: 'A "B", C' }], mapping);
    expect(bytes.toString("utf8")).toBe(
      ['ポイント,ID,生年月日(和暦),生年月日,"氏名, 漢字"', '10000,app-000001,昭和25年4月1日,1950/04/01,"A ""B"", C"', "合計,B001,1,10000", ""].join("\r\n"),
    );
  });

  it("writes Shift_JIS (CP932) for Excel, folding characters outside it through the variant table", async () => {
    const { bytes } = await batchBytes(rows(6), DEFAULT_MAPPING);
    expect(bytes.subarray(0, 3).toString("latin1")).not.toBe("\xef\xbb\xbf");
    const text = iconv.decode(bytes, "cp932");
    expect(text).toContain("髙橋 一郎");
    expect(text).toContain("山﨑 花子");
    expect(text).toContain("吉田 誠"); // 𠮷 is not in CP932
    expect(text.split("\r\n")).toHaveLength(9); // header + 6 rows + trailer + final empty
    expect(text).not.toMatch(/[^\r]\n/u);
  });

  it("fails with the row number when a name cannot be written in Shift_JIS", async () => {
    const list = rows(3);
    list[1] = { ...list[1]!, representativeName: "鈴木 😀" };
    const { stream, totals } = writeBatchFile(list, { batchId: "B001", mapping: DEFAULT_MAPPING });
    await expect(buffer(stream)).rejects.toThrow("2件目: 「😀」は Shift_JIS で表せません");
    await expect(totals).rejects.toThrow("2件目");
  });

  it("fails instead of writing a trailer when the rows disagree with the batch's recorded totals", async () => {
    const list = rows(3);
    const { stream } = writeBatchFile(list, { batchId: "B001", mapping: UTF8_MAPPING, expected: { count: 3, totalPoints: 70_000 } });
    await expect(buffer(stream)).rejects.toThrow(
      "バッチの件数・ポイント合計が記録と一致しません（記録: 3件 70000ポイント、ファイル: 3件 60000ポイント）",
    );
  });

  it("rejects an empty batch and non-positive points", async () => {
    await expect(buffer(writeBatchFile([], { batchId: "B001", mapping: UTF8_MAPPING }).stream)).rejects.toThrow(
      "バッチに申請が1件もありません",
    );
    const bad = [{ ...rows(1)[0]!, points: 0 }];
    await expect(buffer(writeBatchFile(bad, { batchId: "B001", mapping: UTF8_MAPPING }).stream)).rejects.toThrow(
      "1件目（申請ID app-000001）: 付与ポイントが正の整数ではありません（0）",
    );
  });

  it("pulls rows only as fast as the file is read", async () => {
    let pulled = 0;
    async function* endless() {
      for (let i = 0; i < 1_000_000; i++) {
        pulled++;
        yield rows(1)[0]!;
      }
    }
    const { stream } = writeBatchFile(endless(), { batchId: "B001", mapping: DEFAULT_MAPPING });
    const reader = stream[Symbol.asyncIterator]();
    await reader.next();
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(pulled).toBeGreaterThan(0);
    expect(pulled).toBeLessThan(5_000);
    stream.destroy();
  });

  it("validates the mapping", () => {
    expect(() => parseColumnMapping({ columns: [{ field: "points", label: "P" }], encoding: "utf-8" })).toThrow(
      "列の設定が正しくありません: 列の設定に applicationId がありません（結果ファイルの照合に必要です）",
    );
    expect(() =>
      parseColumnMapping({
        columns: [
          { field: "applicationId", label: "A" },
          { field: "points", label: "A" },
        ],
        encoding: "utf-8",
      }),
    ).toThrow("列の設定が正しくありません: 列の見出し「A」が重複しています");
    expect(() => parseColumnMapping({ ...DEFAULT_MAPPING, encoding: "euc-jp" })).toThrow(
      "列の設定が正しくありません: 文字コードは utf-8 か shift_jis を指定してください",
    );
    expect(() => parseColumnMapping({ ...DEFAULT_MAPPING, columns: [...DEFAULT_MAPPING.columns, { field: "points", label: "合計" }] })).toThrow(
      "列の見出しに「合計」「結果」「理由コード」は使えません",
    );
  });
});

describe("simulator + result parser round trip", () => {
  it.each([
    ["UTF-8", UTF8_MAPPING],
    ["Shift_JIS", DEFAULT_MAPPING],
  ] as const)("%s: granted and failed rows come back, totals agree", async (_, mapping) => {
    const list = rows(40);
    const { bytes } = await batchBytes(list, mapping, "B042");
    const result = await buffer(
      simulateResultFile(bytes, { mapping, failures: { "app-000003": "E01", "app-000010": "E04" } }),
    );
    const parsed = await parseResultFile(result, mapping, expectation("B042", list));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.failed).toEqual([
      { line: 4, applicationId: "app-000003", points: 30_000, reasonCode: "E01", reason: "電子マネーのアカウントが見つかりません" },
      { line: 11, applicationId: "app-000010", points: 20_000, reasonCode: "E04", reason: "氏名または生年月日がアカウントの登録内容と一致しません" },
    ]);
    expect(parsed.granted).toHaveLength(38);
    expect(parsed.granted[0]).toEqual({ line: 2, applicationId: "app-000001", points: 10_000 });
    expect(parsed.grantedPoints).toBe(totalsOf(list).totalPoints - 50_000);
    if (mapping.encoding === "shift_jis") expect(iconv.decode(result, "cp932")).toContain("山﨑 花子,タカハシ イチロウ,19500401,20000,付与,");
  });

  it("fails a deterministic share of rows by rate, with the configured codes", async () => {
    const list = rows(1000);
    const { bytes } = await batchBytes(list, UTF8_MAPPING);
    const run = async (seed: string) => {
      const result = await buffer(simulateResultFile(bytes, { mapping: UTF8_MAPPING, failureRate: 0.1, reasonCodes: ["E02"], seed }));
      const parsed = await parseResultFile(result, UTF8_MAPPING, expectation("B001", list));
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      return parsed.failed;
    };
    const first = await run("a");
    expect(first.length).toBeGreaterThan(50);
    expect(first.length).toBeLessThan(150);
    expect(new Set(first.map((row) => row.reasonCode))).toEqual(new Set(["E02"]));
    expect(await run("a")).toEqual(first);
    expect((await run("b")).map((row) => row.applicationId)).not.toEqual(first.map((row) => row.applicationId));
  });

  it("rejects a batch whose trailer was tampered with", async () => {
    const { bytes } = await batchBytes(rows(3), UTF8_MAPPING);
    const tampered = Buffer.from(bytes.toString("utf8").replace("合計,B001,3,60000", "合計,B001,3,90000"), "utf8");
    const result = buffer(simulateResultFile(tampered, { mapping: UTF8_MAPPING }));
    await expect(result).rejects.toThrow(BatchRejectedError);
    await expect(buffer(simulateResultFile(tampered, { mapping: UTF8_MAPPING }))).rejects.toThrow(
      "合計行（3件 90000ポイント）が明細（3件 60000ポイント）と一致しません",
    );
  });
});

describe("result parser refuses bad files and applies nothing", () => {
  const list = rows(3);
  const header = "受付番号,申請ID,世帯番号,代表者氏名,代表者氏名カナ,生年月日,付与ポイント,結果,理由コード";
  const line = (i: number, result = "付与", code = "", points = list[i]!.points) =>
    [list[i]!.receiptNumber, list[i]!.applicationId, list[i]!.householdCode, list[i]!.representativeName, "タカハシ イチロウ", "19500401", String(points), result, code].join(",");
  const file = (lines: string[], encoding: "utf-8" | "shift_jis" = "utf-8") => encodeText(lines.map((l) => `${l}\r\n`).join(""), encoding);
  const parse = (lines: string[]) => parseResultFile(file(lines), UTF8_MAPPING, expectation("B001", list));

  it("accepts a hand-written correct file (the control case)", async () => {
    const parsed = await parse([header, line(0), line(1, "失敗", "E03"), line(2), "合計,B001,3,60000,2,40000"]);
    expect(parsed).toMatchObject({ ok: true, grantedPoints: 40_000, failed: [{ applicationId: "app-000002", reasonCode: "E03" }] });
  });

  it("reports a result file whose totals do not match the batch", async () => {
    const parsed = await parse([header, line(0), line(1), "合計,B001,2,30000,2,30000"]);
    expect(parsed).toEqual({
      ok: false,
      errors: [{ line: 4, message: "結果ファイルの件数・ポイント合計がバッチと一致しません（バッチ: 3件 60000ポイント、結果: 2件 30000ポイント）" }],
    });
  });

  it("reports a trailer that disagrees with its rows, another batch, and a truncated file", async () => {
    expect(await parse([header, line(0), line(1), line(2), "合計,B999,3,60000,3,50000"])).toEqual({
      ok: false,
      errors: [
        { line: 5, message: "別のバッチの結果ファイルです（ファイルのバッチID: B999、取り込み先: B001）" },
        { line: 5, message: "「合計」の行の付与件数・付与ポイント（3件 50000ポイント）が付与の行（3件 60000ポイント）と一致しません" },
      ],
    });
    expect(await parse([header, line(0), line(1), line(2)])).toEqual({
      ok: false,
      errors: [{ line: 4, message: "最終行に「合計」の行がありません（ファイルが途中で切れている可能性があります）" }],
    });
  });

  it("reports every malformed row with its line number", async () => {
    const parsed = await parse([
      header,
      line(0, "保留"),
      line(1, "失敗", ""),
      line(2, "付与", "E01"),
      line(2),
      "R7-9,app-999999,H9,誰か,ダレカ,19500101,10000,付与,",
      line(0, "付与", "", 12_345),
      "R7-000001,app-000001,H1,only,five",
      line(1, "付与", "", Number.NaN).replace("NaN", "十"),
      "合計,B001,x,60000,3,60000",
    ]);
    expect(parsed).toEqual({
      ok: false,
      errors: [
        { line: 2, message: "結果「保留」は「付与」か「失敗」のどちらかにしてください" },
        { line: 3, message: "失敗の行の理由コード「」が正しくありません" },
        { line: 4, message: "付与の行に理由コード「E01」があります" },
        { line: 5, message: "申請ID app-000003 が2回出てきます" },
        { line: 6, message: "申請ID app-999999 はこのバッチにありません" },
        { line: 7, message: "申請ID app-000001 が2回出てきます" },
        { line: 8, message: "列の数が見出し行（9列）と違います（5列）" },
        { line: 9, message: "申請ID app-000002 が2回出てきます" },
        { line: 10, message: "「合計」の行の形式が正しくありません（合計,バッチID,件数,ポイント合計,付与件数,付与ポイント合計）" },
        { line: 10, message: "結果ファイルの件数・ポイント合計がバッチと一致しません（バッチ: 3件 60000ポイント、結果: 8件 70000ポイント）" },
      ],
    });
  });

  it("reports points that differ from the batch and non-numeric points", async () => {
    const parsed = await parse([header, line(0, "付与", "", 99_999), line(1, "付与", "", Number.NaN).replace("NaN", "二万"), line(2), "合計,B001,3,129999,3,129999"]);
    expect(parsed).toMatchObject({
      ok: false,
      errors: [
        { line: 2, message: "申請ID app-000001 の付与ポイントがバッチと違います（バッチ: 10000、結果: 99999）" },
        { line: 3, message: "付与ポイント「二万」が数字ではありません" },
        { line: 5, message: "「合計」の行の付与件数・付与ポイント（3件 129999ポイント）が付与の行（1件 30000ポイント）と一致しません" },
        { line: 5, message: "結果ファイルの件数・ポイント合計がバッチと一致しません（バッチ: 3件 60000ポイント、結果: 3件 129999ポイント）" },
      ],
    });
  });

  it("reports a header without the needed columns and an empty file", async () => {
    expect(await parse(["受付番号,申請ID,付与ポイント", line(0)])).toEqual({
      ok: false,
      errors: [{ line: 1, message: "見出し行に「結果」「理由コード」の列がありません" }],
    });
    expect(await parseResultFile(new Uint8Array(), UTF8_MAPPING, expectation("B001", list))).toEqual({
      ok: false,
      errors: [{ line: 0, message: "結果ファイルが空です" }],
    });
  });

  it("reads a Shift_JIS result streamed in small chunks", async () => {
    const bytes = file([header, line(0), line(1, "失敗", "E99"), line(2), "合計,B001,3,60000,2,40000"], "shift_jis");
    const chunks = Readable.from(Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) => bytes.subarray(i * 7, i * 7 + 7)));
    const parsed = await parseResultFile(chunks, DEFAULT_MAPPING, expectation("B001", list));
    expect(parsed).toMatchObject({ ok: true, failed: [{ line: 3, reason: "電子マネー事業者側のその他のエラーです" }] });
  });

  it("explains an unknown reason code instead of failing", async () => {
    const parsed = await parse([header, line(0, "失敗", "X42"), line(1), line(2), "合計,B001,3,60000,2,50000"]);
    expect(parsed).toMatchObject({ ok: true, failed: [{ reasonCode: "X42", reason: "不明な理由コードです（X42）" }] });
  });
});

describe("vendors", () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), "yakuba-drop-"));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("file drop: batch lands whole in the outbox, the simulator answers in the inbox, the result parses", async () => {
    const directories = { outbox: path.join(root, "out"), inbox: path.join(root, "in") };
    const vendor = new FileDropVendor(directories);
    const list = rows(25);
    await vendor.submitBatch("B007", writeBatchFile(list, { batchId: "B007", mapping: DEFAULT_MAPPING }).stream);
    expect(await readdir(directories.outbox)).toEqual(["B007.csv"]);
    expect(iconv.decode(await readFile(path.join(directories.outbox, "B007.csv")), "cp932")).toContain("合計,B007,25,");
    expect(await vendor.fetchResult("B007")).toBeNull();

    expect(await answerFileDrop(directories, { mapping: DEFAULT_MAPPING, failures: { "app-000005": "E02" } })).toEqual(["B007"]);
    expect(await answerFileDrop(directories, { mapping: DEFAULT_MAPPING })).toEqual([]);
    const result = await vendor.fetchResult("B007");
    const parsed = await parseResultFile(result!, DEFAULT_MAPPING, expectation("B007", list));
    expect(parsed).toMatchObject({ ok: true, failed: [{ applicationId: "app-000005", reasonCode: "E02" }] });
    expect(await readdir(directories.inbox)).toEqual(["B007.result.csv"]);
  });

  it("file drop: refuses a second submission and path-like batch IDs, reports a vendor rejection", async () => {
    const directories = { outbox: path.join(root, "out"), inbox: path.join(root, "in") };
    const vendor = new FileDropVendor(directories);
    const file = () => writeBatchFile(rows(2), { batchId: "B008", mapping: UTF8_MAPPING }).stream;
    await vendor.submitBatch("B008", file());
    await expect(vendor.submitBatch("B008", file())).rejects.toThrow("バッチ B008 は送信済みです");
    await expect(vendor.submitBatch("../etc", file())).rejects.toThrow("バッチIDに使えない文字があります: ../etc");

    await writeFile(path.join(directories.outbox, "B009.csv"), "受付番号\r\n");
    expect(await answerFileDrop(directories, { mapping: UTF8_MAPPING })).toEqual(["B008", "B009"]);
    await expect(vendor.fetchResult("B009")).rejects.toThrow(VendorRejectedBatchError);
    await expect(vendor.fetchResult("B009")).rejects.toThrow("バッチ B009 は受け付けられませんでした: 見出し行が取り決めと違います（受付番号）");
  });

  it("a failed batch stream leaves no file behind", async () => {
    const directories = { outbox: path.join(root, "out"), inbox: path.join(root, "in") };
    const vendor = new FileDropVendor(directories);
    const { stream } = writeBatchFile(rows(2), { batchId: "B010", mapping: UTF8_MAPPING, expected: { count: 5, totalPoints: 1 } });
    await expect(vendor.submitBatch("B010", stream)).rejects.toThrow("バッチの件数・ポイント合計が記録と一致しません");
    expect(await readdir(directories.outbox)).toEqual([]);
  });

  it("simulated vendor: result available right after submission", async () => {
    const vendor = new SimulatedVendor({ mapping: UTF8_MAPPING });
    const list = rows(5);
    expect(await vendor.fetchResult("B011")).toBeNull();
    await vendor.submitBatch("B011", writeBatchFile(list, { batchId: "B011", mapping: UTF8_MAPPING }).stream);
    const parsed = await parseResultFile((await vendor.fetchResult("B011"))!, UTF8_MAPPING, expectation("B011", list));
    expect(parsed).toMatchObject({ ok: true, grantedPoints: totalsOf(list).totalPoints });
  });
});

describe("csvLine", () => {
  it("quotes only fields that need it", () => {
    expect(csvLine(["a", "b,c", 'd"e', " f", "g\nh", ""])).toBe('a,"b,c","d""e"," f","g\nh",\r\n');
  });
});
