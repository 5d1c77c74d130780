import { buffer } from "node:stream/consumers";
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { type LetterHousehold, type LetterSettings, renderGuideLetters } from "./pdf";
import { darkRuns, qrMatrix } from "./qr";
import { generateReferenceCode } from "./reference-code";

const SETTINGS: LetterSettings = {
  townName: "当麻町",
  programName: "物価高騰支援ポイント",
  lineAccountUrl: "https://lin.ee/AbCdEfG",
  richMenuLabel: "物価高騰支援",
  issueDate: "2025-11-01",
  deadline: "2025-12-26",
  pointsPerPerson: 10_000,
  sender: "当麻町役場 まちづくり推進課",
  counter: { place: "当麻町役場 1階", hours: "平日 午前8時30分〜午後5時15分", phone: "0166-84-2111" },
};

function household(i: number, overrides: Partial<LetterHousehold> = {}): LetterHousehold {
  return {
    householdCode: `H${String(i).padStart(5, "0")}`,
    address: `北海道上川郡当麻町3条東2丁目${i}番1号`,
    headName: i % 2 === 0 ? "髙橋 一郎" : "山﨑 花子",
    memberCount: (i % 5) + 1,
    referenceCode: generateReferenceCode(),
    ...overrides,
  };
}

async function pagesOf(pdf: Buffer) {
  const document = await getDocumentProxy(new Uint8Array(pdf), { verbosity: 0 });
  const { totalPages, text } = await extractText(document, { mergePages: false });
  return { totalPages, text: text.map((page) => page.replace(/\s+/gu, "")) };
}

describe("renderGuideLetters", () => {
  it("writes one A4 page per household with its reference code, name and points", async () => {
    const households = Array.from({ length: 12 }, (_, i) => household(i + 1));
    const pdf = await buffer(renderGuideLetters(households, SETTINGS));
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const { totalPages, text } = await pagesOf(pdf);
    expect(totalPages).toBe(12);
    households.forEach((entry, i) => {
      const page = text[i]!;
      expect(page).toContain(entry.referenceCode);
      expect(page).toContain(entry.headName.replace(/ /gu, ""));
      expect(page).toContain(`合計${(entry.memberCount * 10_000).toLocaleString("ja-JP")}ポイント`);
      expect(page).toContain(`世帯番号${entry.householdCode}`);
      expect(page).toContain("令和7年12月26日まで");
      expect(page).toContain("「物価高騰支援」を押し");
      // Another household's code never appears on this page.
      expect(page).not.toContain(households[(i + 1) % households.length]!.referenceCode);
    });
  });

  it("has A4 pages and embeds subsetted Japanese fonts", async () => {
    const pdf = await buffer(renderGuideLetters([household(1)], SETTINGS));
    const document = await getDocumentProxy(new Uint8Array(pdf), { verbosity: 0 });
    const page = await document.getPage(1);
    expect(page.view.map(Math.round)).toEqual([0, 0, 595, 842]);
    const raw = pdf.toString("latin1");
    expect(raw).toMatch(/\/FontName \/[A-Z]{6}\+BIZUDPGothic-Regular/u);
    expect(raw).toMatch(/\/FontName \/[A-Z]{6}\+BIZUDPGothic-Bold/u);
    // The whole TTF is 4.5 MB; a subset of the glyphs used is far smaller.
    expect(pdf.length).toBeLessThan(400_000);
  });

  it("keeps an overlong address and name on one page", async () => {
    const long = household(1, { address: "北海道上川郡当麻町".repeat(12), headName: "長い名前".repeat(20) });
    const { totalPages } = await pagesOf(await buffer(renderGuideLetters([long, household(2)], SETTINGS)));
    expect(totalPages).toBe(2);
  });

  it("accepts an async iterable, stops drawing while nobody reads and releases the source when the reader leaves", async () => {
    let pulled = 0;
    let released = false;
    async function* many() {
      try {
        for (let i = 1; i <= 2000; i++) {
          pulled++;
          yield household(i);
        }
      } finally {
        released = true;
      }
    }
    const stream = renderGuideLetters(many(), SETTINGS);
    const turns = async (count: number) => {
      for (let i = 0; i < count; i++) await new Promise((resolve) => setImmediate(resolve));
    };
    await turns(200);
    expect(pulled).toBeGreaterThan(0);
    expect(pulled).toBeLessThan(100);
    const stalledAt = pulled;
    await turns(200);
    expect(pulled).toBe(stalledAt);
    stream.destroy();
    await turns(5);
    expect(released).toBe(true);
    expect(pulled).toBe(stalledAt);
  });

  it("fails the stream when the household source fails, or there is no household", async () => {
    async function* broken() {
      yield household(1);
      throw new Error("名簿の読み込みに失敗しました");
    }
    await expect(buffer(renderGuideLetters(broken(), SETTINGS))).rejects.toThrow("名簿の読み込みに失敗しました");
    await expect(buffer(renderGuideLetters([], SETTINGS))).rejects.toThrow("案内状を作る世帯がありません");
  });

  it("rejects a LINE URL that is not https", () => {
    expect(() => renderGuideLetters([household(1)], { ...SETTINGS, lineAccountUrl: "http://lin.ee/x" })).toThrow(
      "LINE公式アカウントのURLは https:// で始めてください",
    );
    expect(() => renderGuideLetters([household(1)], { ...SETTINGS, lineAccountUrl: "lin.ee" })).toThrow(
      "LINE公式アカウントのURLが正しくありません: lin.ee",
    );
  });
});

describe("qrMatrix", () => {
  it("has the three finder patterns and changes with the URL", () => {
    const matrix = qrMatrix(SETTINGS.lineAccountUrl);
    expect(matrix.size).toBe(25); // version 2 at level M
    const finderAt = (top: number, left: number) => {
      for (let r = 0; r < 7; r++) {
        for (let c = 0; c < 7; c++) {
          const ring = r === 0 || r === 6 || c === 0 || c === 6;
          const core = r >= 2 && r <= 4 && c >= 2 && c <= 4;
          expect(matrix.dark(top + r, left + c)).toBe(ring || core);
        }
      }
    };
    finderAt(0, 0);
    finderAt(0, matrix.size - 7);
    finderAt(matrix.size - 7, 0);
    expect(darkRuns(qrMatrix("https://lin.ee/Other"))).not.toEqual(darkRuns(matrix));
  });

  it("darkRuns covers exactly the dark modules", () => {
    const matrix = qrMatrix(SETTINGS.lineAccountUrl);
    const covered = new Set<string>();
    for (const run of darkRuns(matrix)) for (let c = run.column; c < run.column + run.length; c++) covered.add(`${run.row},${c}`);
    for (let r = 0; r < matrix.size; r++) {
      for (let c = 0; c < matrix.size; c++) expect(covered.has(`${r},${c}`)).toBe(matrix.dark(r, c));
    }
  });
});

describe("the address block in the 長形3号 window", () => {
  const MM = 72 / 25.4;
  const A4_HEIGHT = 841.89;

  it("prints 〒, the address with prefecture and county, and the name 様 inside the window, and nothing else there", async () => {
    const settings: LetterSettings = { ...SETTINGS, town: { prefecture: "北海道", county: "上川郡", municipality: "当麻町" } };
    const entry = household(3, { address: "当麻町4条西1丁目5番2号 コーポ当麻101号室", postalCode: "0781393", headName: "山﨑 花子" });
    const pdf = await buffer(renderGuideLetters([entry], settings));
    const document = await getDocumentProxy(new Uint8Array(pdf), { verbosity: 0 });
    const content = await (await document.getPage(1)).getTextContent();
    // pdf.js gives each run's baseline origin in points from the bottom left; the window is measured from the top left.
    const runs = (content.items as { str: string; transform: number[]; height: number }[])
      .filter((item) => item.str.trim() !== "")
      .map((item) => ({ text: item.str, leftMm: item.transform[4]! / MM, topMm: (A4_HEIGHT - item.transform[5]! - item.height) / MM, baselineMm: (A4_HEIGHT - item.transform[5]!) / MM }));
    const inWindow = (run: (typeof runs)[number]) => run.leftMm >= 23 && run.leftMm <= 113 && run.topMm >= 13 && run.baselineMm <= 58;
    const find = (pattern: RegExp) => runs.find((run) => pattern.test(run.text.replace(/\s/gu, "")));
    const postal = find(/^〒078-1393$/u);
    const address = find(/^北海道上川郡当麻町4条西1丁目/u);
    const name = find(/^山﨑花子様$/u);
    for (const [label, run] of Object.entries({ postal, address, name })) {
      expect(run, label).toBeDefined();
      expect(inWindow(run!), `${label} at ${JSON.stringify(run)}`).toBe(true);
    }
    // Top to bottom: 〒, address, name; and 4 mm clear of the window's left edge.
    expect(postal!.baselineMm).toBeLessThan(address!.baselineMm);
    expect(address!.baselineMm).toBeLessThan(name!.baselineMm);
    expect(postal!.leftMm).toBeCloseTo(27, 0);
    // Only the address block shows through the window: the date, sender and title are outside it.
    expect(runs.filter(inWindow).map((run) => run.text.replace(/\s/gu, "")).join("")).toMatch(/^〒078-1393北海道上川郡当麻町4条西1丁目5番2号コーポ当麻101号室山﨑花子様$/u);
  });

  it("keeps an address that already names the prefecture, and leaves out 〒 when the roster has no postal code", async () => {
    const settings: LetterSettings = { ...SETTINGS, town: { prefecture: "北海道", county: "上川郡", municipality: "当麻町" } };
    const { text } = await pagesOf(await buffer(renderGuideLetters([household(1, { postalCode: null })], settings)));
    expect(text[0]).toContain("北海道上川郡当麻町3条東2丁目1番1号");
    expect(text[0]).not.toContain("北海道北海道");
    expect(text[0]).not.toContain("〒");
  });
});
