/**
 * Minimal RFC 4180 reader (quoted fields, "" escapes, CRLF / LF / CR) that knows the line each record STARTS on,
 * which error reports need and csv-parse gets wrong for CRLF inside quotes. Blank lines are skipped.
 * Shared by the roster import and the e-money result file parser.
 */
export interface CsvRecord {
  /** 1-based line number of the record's first character. */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(readonly line: number) {
    super(`${line}行目: 引用符 " が閉じられていません`);
  }
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

/** Index of the next character that ends a run: quote or line break inside quotes, also comma outside. */
function scan(text: string, from: number, quoted: boolean): number {
  let j = from;
  for (; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === QUOTE || c === CR || c === LF || (!quoted && c === COMMA)) break;
  }
  return j;
}

/** Incremental reader: push text chunks, take complete records; finish() flushes the last one. */
export class CsvReader {
  private fields: string[] = [];
  private field = "";
  private quoted = false;
  private afterQuote = false;
  private pendingCr = false;
  private fieldStarted = false;
  private line = 1;
  private recordLine = 1;

  push(chunk: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      const c = chunk.charCodeAt(i);
      if (this.pendingCr) {
        this.pendingCr = false;
        if (c === LF) {
          i++; // second half of CRLF
          continue;
        }
      }
      if (this.quoted) {
        const j = scan(chunk, i, true);
        this.field += chunk.slice(i, j);
        if (j === n) break;
        if (chunk.charCodeAt(j) === QUOTE) {
          this.quoted = false;
          this.afterQuote = true;
        } else {
          this.field += "\n";
          this.line++;
          this.pendingCr = chunk.charCodeAt(j) === CR;
        }
        i = j + 1;
      } else if (c === QUOTE && this.afterQuote) {
        this.field += '"'; // "" inside a quoted field
        this.quoted = true;
        this.afterQuote = false;
        i++;
      } else if (c === QUOTE && this.field === "" && !this.fieldStarted) {
        this.quoted = true;
        this.fieldStarted = true;
        i++;
      } else if (c === COMMA) {
        this.endField();
        i++;
      } else if (c === CR || c === LF) {
        this.pendingCr = c === CR;
        this.endRecord(out);
        this.line++;
        this.recordLine = this.line;
        i++;
      } else {
        // A run of ordinary characters (a stray quote mid-field is kept as text).
        const j = c === QUOTE ? i + 1 : scan(chunk, i, false);
        this.field += chunk.slice(i, j);
        this.fieldStarted = true;
        this.afterQuote = false;
        i = j;
      }
    }
    return out;
  }

  finish(): CsvRecord[] {
    if (this.quoted) throw new CsvSyntaxError(this.recordLine);
    const out: CsvRecord[] = [];
    this.endRecord(out);
    return out;
  }

  private endField() {
    this.fields.push(this.field);
    this.field = "";
    this.fieldStarted = false;
    this.afterQuote = false;
  }

  private endRecord(out: CsvRecord[]) {
    const blank = this.fields.length === 0 && this.field === "" && !this.fieldStarted;
    if (!blank) {
      this.endField();
      out.push({ line: this.recordLine, fields: this.fields });
    }
    this.fields = [];
    this.field = "";
    this.fieldStarted = false;
    this.afterQuote = false;
  }
}

export function parseCsv(text: string): CsvRecord[] {
  const reader = new CsvReader();
  return [...reader.push(text.replace(/^\uFEFF/u, "")), ...reader.finish()];
}

/** Records from an async stream of decoded text chunks. */
export async function* readCsvRecords(chunks: AsyncIterable<string>): AsyncGenerator<CsvRecord> {
  const reader = new CsvReader();
  let first = true;
  for await (const chunk of chunks) {
    yield* reader.push(first ? chunk.replace(/^\uFEFF/u, "") : chunk);
    first = false;
  }
  yield* reader.finish();
}
