/**
 * Printable A4 guide letters, one page per household, as ONE streamed PDF for the whole mailing.
 * Pages are written out as soon as they are drawn and production waits while the reader is slow, so memory
 * stays flat for any number of households. Large type throughout (body ≥ 14pt) for readers over 70.
 */
import { Readable } from "node:stream";
import PDFDocument from "pdfkit";
import { formatWareki } from "@/lib/dates/wareki";
import { type LetterFonts, defaultLetterFonts } from "./fonts";
import { darkRuns, qrMatrix } from "./qr";

export interface LetterHousehold {
  householdCode: string;
  address: string;
  headName: string;
  memberCount: number;
  /** 照会番号 in its printed form, XXXX-XXXX-XXXX. */
  referenceCode: string;
  /** 7 digits; printed as 〒078-1393 at the top of the window. */
  postalCode?: string | null;
}

export interface LetterSettings {
  townName: string;
  programName: string;
  /** URL of the town's LINE official account (e.g. https://lin.ee/…); encoded in the QR code. */
  lineAccountUrl: string;
  /** Label of the rich menu button residents press. */
  richMenuLabel: string;
  /** YYYY-MM-DD, printed in 和暦. */
  issueDate: string;
  /** YYYY-MM-DD, last day of the filing window. */
  deadline?: string;
  pointsPerPerson?: number;
  sender: string;
  counter: { place: string; hours: string; phone?: string; bring?: string };
  /** The town's prefecture and county, put in front of a roster address that starts at the town (「当麻町3条…」). */
  town?: { prefecture: string; county?: string; municipality: string };
  fonts?: LetterFonts;
}

const MM = 72 / 25.4;

/**
 * The window of a 長形3号 window envelope (JIS-style 窓付き封筒: 90 × 45 mm, 23 mm from the left edge and 13 mm
 * from the top of an A4 sheet folded in three). The address block keeps 4 mm clear of every edge of the window so
 * that the sheet may slide a little in the envelope.
 */
export const ENVELOPE_WINDOW = { left: 23 * MM, top: 13 * MM, width: 90 * MM, height: 45 * MM } as const;
const WINDOW_PADDING = 4 * MM;

/** The address as the post office reads it: with prefecture and county when the roster starts at the town. */
export function mailingAddress(address: string, town?: LetterSettings["town"]): string {
  const text = address.trim();
  if (!town || text.startsWith(town.prefecture)) return text;
  if (town.county && text.startsWith(town.county)) return `${town.prefecture}${text}`;
  if (text.startsWith(town.municipality)) return `${town.prefecture}${town.county ?? ""}${text}`;
  return text;
}

export const formatPostalCode = (digits: string) => `〒${digits.slice(0, 3)}-${digits.slice(3)}`;

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 50;
const CONTENT_WIDTH = A4.width - MARGIN * 2;
const INK = "#1a1a1a";
const ACCENT = "#06a04a"; // close to LINE green, still dark enough on cheap printers

function assertSettings(settings: LetterSettings) {
  let url: URL;
  try {
    url = new URL(settings.lineAccountUrl);
  } catch {
    throw new Error(`LINE公式アカウントのURLが正しくありません: ${settings.lineAccountUrl}`);
  }
  if (url.protocol !== "https:") throw new Error("LINE公式アカウントのURLは https:// で始めてください");
}

const groupDigits = (value: number) => value.toLocaleString("ja-JP");

function drawLetter(doc: PDFKit.PDFDocument, household: LetterHousehold, settings: LetterSettings, fonts: LetterFonts) {
  const text = (value: string, x: number, y: number, options: PDFKit.Mixins.TextOptions & { size: number; bold?: boolean }) => {
    doc.font(options.bold ? fonts.bold : fonts.regular).fontSize(options.size).fillColor(INK);
    doc.text(value, x, y, { lineGap: options.size * 0.35, ...options });
    return doc.y;
  };

  // Recipient block inside the 長形3号 window (〒, address with prefecture, name 様) and sender (top right, outside
  // the window). Bounded boxes with ellipsis: an unusually long address or name must never leave the window.
  const inner = {
    x: ENVELOPE_WINDOW.left + WINDOW_PADDING,
    y: ENVELOPE_WINDOW.top + WINDOW_PADDING,
    width: ENVELOPE_WINDOW.width - WINDOW_PADDING * 2,
    bottom: ENVELOPE_WINDOW.top + ENVELOPE_WINDOW.height - WINDOW_PADDING,
  };
  let y = inner.y;
  if (household.postalCode) y = text(formatPostalCode(household.postalCode), inner.x, y, { size: 12, width: inner.width, height: 16, ellipsis: true });
  y = text(mailingAddress(household.address, settings.town), inner.x, y + 2, { size: 12, width: inner.width, height: 46, ellipsis: true });
  text(`${household.headName} 様`, inner.x, Math.min(y + 6, inner.bottom - 24), { size: 18, bold: true, width: inner.width, height: 24, ellipsis: true });
  text(formatWareki(settings.issueDate), 360, MARGIN, { size: 12, width: CONTENT_WIDTH - 310, align: "right" });
  text(settings.sender, 360, MARGIN + 20, { size: 12, width: CONTENT_WIDTH - 310, align: "right" });

  // Title, below the window so that nothing else shows through it.
  y = ENVELOPE_WINDOW.top + ENVELOPE_WINDOW.height + 4 * MM;
  // One line (two only for a long program name): the window took the room the title used to have.
  y = text(`${settings.programName} 申請のご案内`, MARGIN, y, { size: 21, bold: true, width: CONTENT_WIDTH, align: "center" });
  doc.moveTo(MARGIN, y + 6).lineTo(A4.width - MARGIN, y + 6).lineWidth(1.5).strokeColor(INK).stroke();

  // What the household gets and who files
  const points = settings.pointsPerPerson ? `、合計 ${groupDigits(settings.pointsPerPerson * household.memberCount)} ポイント` : "";
  y = text(`あなたの世帯（${household.memberCount}人${points}）は、この支援の対象です。`, MARGIN, y + 18, { size: 15, width: CONTENT_WIDTH });
  y = text("申請は世帯主の方が、世帯で1回だけ行ってください。ご家族が別々に申請する必要はありません。", MARGIN, y + 4, {
    size: 15,
    bold: true,
    width: CONTENT_WIDTH,
  });
  if (settings.deadline) {
    y = text(`申請の期限：${formatWareki(settings.deadline)}まで`, MARGIN, y + 4, { size: 15, bold: true, width: CONTENT_WIDTH });
  }

  // LINE: three steps on the left, QR code on the right
  y += 14;
  doc.rect(MARGIN, y, CONTENT_WIDTH, 30).fill(ACCENT);
  doc.font(fonts.bold).fontSize(17).fillColor("#ffffff").text("LINEで申請する（3つの手順）", MARGIN + 12, y + 6, { width: CONTENT_WIDTH - 24 });
  y += 42;
  const qrSize = 130;
  const stepsWidth = CONTENT_WIDTH - qrSize - 24;
  const steps = [
    `右のQRコードをスマートフォンのカメラで読み取り、${settings.townName}のLINE公式アカウントを「友だち追加」します。`,
    `トーク画面の下のメニューから「${settings.richMenuLabel}」を押し、画面の案内に沿って入力します。`,
    "マイナンバーカードで本人確認をすると、申請は完了です。",
  ];
  const qrTop = y;
  steps.forEach((step, index) => {
    doc.circle(MARGIN + 13, y + 11, 13).fill(ACCENT);
    doc.font(fonts.bold).fontSize(16).fillColor("#ffffff").text(String(index + 1), MARGIN, y + 2, { width: 26, align: "center" });
    y = text(step, MARGIN + 36, y, { size: 15, width: stepsWidth - 36 }) + 8;
  });
  drawQr(doc, settings.lineAccountUrl, MARGIN + CONTENT_WIDTH - qrSize, qrTop, qrSize);
  text(`${settings.townName} LINE公式アカウント`, MARGIN + CONTENT_WIDTH - qrSize - 10, qrTop + qrSize + 4, {
    size: 10,
    width: qrSize + 20,
    align: "center",
  });
  y = Math.max(y, qrTop + qrSize + 20);

  // 照会番号
  y += 4;
  const boxHeight = 96;
  doc.roundedRect(MARGIN, y, CONTENT_WIDTH, boxHeight, 8).lineWidth(2).strokeColor(INK).stroke();
  text("照会番号", MARGIN + 16, y + 12, { size: 14, bold: true });
  text(household.referenceCode, MARGIN + 16, y + 34, { size: 30, bold: true, width: CONTENT_WIDTH - 32, characterSpacing: 2 });
  text("申請のときや、お問い合わせのときにお使いください。", MARGIN + 16, y + 72, { size: 12, width: CONTENT_WIDTH - 32 });
  y += boxHeight + 14;

  // Counter
  doc.rect(MARGIN, y, CONTENT_WIDTH, 30).fill("#444444");
  doc.font(fonts.bold).fontSize(17).fillColor("#ffffff").text("スマートフォンがない方は、役場の窓口で申請できます", MARGIN + 12, y + 6, { width: CONTENT_WIDTH - 24 });
  y += 32;
  const rows: [string, string][] = [
    ["場所", settings.counter.place],
    ["受付時間", settings.counter.hours],
    ["持ち物", settings.counter.bring ?? "この案内と、本人確認書類（運転免許証、マイナンバーカードなど）"],
  ];
  if (settings.counter.phone) rows.push(["お問い合わせ", settings.counter.phone]);
  for (const [label, value] of rows) {
    text(label, MARGIN, y + 6, { size: 14, bold: true, width: 110 });
    y = text(value, MARGIN + 115, y + 6, { size: 14, width: CONTENT_WIDTH - 115 });
  }

  text(`世帯番号 ${household.householdCode}`, MARGIN, A4.height - 36, { size: 9, width: CONTENT_WIDTH, align: "right" });
}

function drawQr(doc: PDFKit.PDFDocument, url: string, x: number, y: number, size: number) {
  const matrix = qrMatrix(url);
  const quiet = 4; // modules of white border the standard requires
  const unit = size / (matrix.size + quiet * 2);
  doc.rect(x, y, size, size).fill("#ffffff");
  for (const run of darkRuns(matrix)) {
    doc.rect(x + (quiet + run.column) * unit, y + (quiet + run.row) * unit, run.length * unit, unit);
  }
  doc.fill("#000000");
}

// pdfkit caches glyph layout per text run forever; the fixed wording repeats on every page (a big win for CJK,
// where line wrapping measures every character), but names and addresses are unique, so the cache is dropped
// every so many letters to keep memory flat.
const LAYOUT_CACHE_LETTERS = 200;

function clearLayoutCaches(doc: PDFKit.PDFDocument) {
  const families = (doc as unknown as { _fontFamilies?: Record<string, { layoutCache?: object }> })._fontFamilies ?? {};
  for (const font of Object.values(families)) if (font.layoutCache) font.layoutCache = Object.create(null);
}

/**
 * Renders one page per household into a single PDF stream. Rejects bad settings up front; an error while
 * reading `households` destroys the stream with that error.
 */
export function renderGuideLetters(
  households: Iterable<LetterHousehold> | AsyncIterable<LetterHousehold>,
  settings: LetterSettings,
): Readable {
  assertSettings(settings);
  const fonts = settings.fonts ?? defaultLetterFonts();
  const doc = new PDFDocument({
    size: "A4",
    // Small bottom margin: the layout places everything itself and must never trigger pdfkit's auto page break.
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: 20 },
    autoFirstPage: false,
    font: fonts.regular,
    lang: "ja-JP",
    info: { Title: `${settings.programName} 申請のご案内`, Author: settings.sender },
  });
  // Fonts are selected by path, not registerFont names: pdfkit never caches a registered name whose font is
  // already open under its path, and would re-read the 4.5 MB file on every text call.

  // Backpressure: pdfkit ignores push()'s return value, so wait for the reader's next _read before drawing on.
  let wake: (() => void) | null = null;
  (doc as unknown as { _read: () => void })._read = () => {
    wake?.();
    wake = null;
  };
  // A reader that goes away (client disconnect) must also stop the producer and release `households`.
  doc.once("close", () => wake?.());
  const readerCaughtUp = () =>
    doc.readableLength < doc.readableHighWaterMark ? Promise.resolve() : new Promise<void>((resolve) => (wake = resolve));

  void (async () => {
    let pagesAdded = 0;
    doc.on("pageAdded", () => pagesAdded++);
    try {
      let pages = 0;
      for await (const household of households) {
        pages++;
        doc.addPage();
        drawLetter(doc, household, settings, fonts);
        // A letter that spilled onto a second page would shift every later letter in the envelopes.
        if (pagesAdded !== pages) throw new Error(`世帯番号 ${household.householdCode} の案内状が1ページに収まりません`);
        if (pages % LAYOUT_CACHE_LETTERS === 0) clearLayoutCaches(doc);
        await readerCaughtUp();
        if (doc.destroyed) return; // leaving the loop closes the household iterator
      }
      if (pages === 0) throw new Error("案内状を作る世帯がありません");
      doc.end();
    } catch (error) {
      doc.destroy(error as Error);
    }
  })();
  return doc as unknown as Readable;
}
