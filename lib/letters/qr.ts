/** QR code as a module matrix, drawn by the PDF renderer as vector squares (no image, nothing fetched). */
import QRCode from "qrcode";

export interface QrMatrix {
  size: number;
  /** Row-major, true = dark module. */
  dark: (row: number, column: number) => boolean;
}

export function qrMatrix(text: string): QrMatrix {
  // Level M survives a crease or a smudge on a mailed letter and keeps a short URL at version 2–4.
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  return { size: modules.size, dark: (row, column) => modules.get(row, column) === 1 };
}

/** Horizontal runs of dark modules per row: fewer, larger rectangles than one per module. */
export function darkRuns(matrix: QrMatrix): { row: number; column: number; length: number }[] {
  const runs: { row: number; column: number; length: number }[] = [];
  for (let row = 0; row < matrix.size; row++) {
    let start = -1;
    for (let column = 0; column <= matrix.size; column++) {
      const dark = column < matrix.size && matrix.dark(row, column);
      if (dark && start < 0) start = column;
      if (!dark && start >= 0) {
        runs.push({ row, column: start, length: column - start });
        start = -1;
      }
    }
  }
  return runs;
}
