import { describe, expect, it } from "vitest";
import { CsvReader, CsvSyntaxError, parseCsv, readCsvRecords } from "./csv";

describe("parseCsv", () => {
  it("reads quoted fields, escaped quotes, empty fields and every line ending", () => {
    expect(parseCsv('\uFEFFa,"b,c","say ""hi"""\r\n,,\nx\ry')).toEqual([
      { line: 1, fields: ["a", "b,c", 'say "hi"'] },
      { line: 2, fields: ["", "", ""] },
      { line: 3, fields: ["x"] },
      { line: 4, fields: ["y"] },
    ]);
  });

  it("numbers records by their first line across quoted CRLF newlines and blank lines", () => {
    const records = parseCsv('h\r\n"a\r\nb",1\r\n\r\nc,2\r\n"x\ny\r\nz",3\r\nd,4\r\n');
    expect(records).toEqual([
      { line: 1, fields: ["h"] },
      { line: 2, fields: ["a\nb", "1"] },
      { line: 5, fields: ["c", "2"] },
      { line: 6, fields: ["x\ny\nz", "3"] },
      { line: 9, fields: ["d", "4"] },
    ]);
  });

  it("keeps a quoted empty field as a record", () => {
    expect(parseCsv('""\n')).toEqual([{ line: 1, fields: [""] }]);
  });

  it("throws with the line of an unclosed quote", () => {
    expect(() => parseCsv('a\nb,"c\nd')).toThrow(CsvSyntaxError);
    try {
      parseCsv('a\nb,"c\nd');
    } catch (error) {
      expect((error as CsvSyntaxError).line).toBe(2);
    }
  });
});

describe("CsvReader / readCsvRecords", () => {
  it("gives the same records whatever the chunk boundaries", async () => {
    const text = 'id,name\r\n1,"山田\r\n太郎"\r\n2,"a""b"\r\n3,c';
    const whole = parseCsv(text);
    for (let size = 1; size <= 7; size++) {
      async function* chunks() {
        for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
      }
      const records = [];
      for await (const record of readCsvRecords(chunks())) records.push(record);
      expect(records).toEqual(whole);
    }
  });

  it("returns complete records as soon as they end", () => {
    const reader = new CsvReader();
    expect(reader.push("a,b\nc")).toEqual([{ line: 1, fields: ["a", "b"] }]);
    expect(reader.finish()).toEqual([{ line: 2, fields: ["c"] }]);
  });
});
