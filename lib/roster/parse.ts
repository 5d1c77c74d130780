/**
 * Roster CSV of the households eligible on 基準日, as a 住民基本台帳 extract: ONE ROW PER MEMBER, grouped by
 * 世帯番号 (rows of a household need not be adjacent). Line 1 is a header; columns are found by label, in any
 * order, extra columns ignored:
 *
 *   世帯番号   household code (letters, digits, hyphen; full-width accepted)      aliases: 世帯コード
 *   住所       address of the household; every member row must give the same place (compared by addressKey)
 *   氏名       member name                                                        aliases: 名前
 *   氏名カナ   member name in kana (katakana or hiragana)                         aliases: フリガナ, カナ氏名, カナ
 *   生年月日   1950-04-01, 1950/4/1, 昭和25年4月1日, S25.4.1, R7.2.1 …
 *   性別       男 / 女 / 1 (男) / 2 (女) / 男性 / 女性 / M / F
 *   続柄       relationship to the head; 世帯主 (or 本人) marks the one head of the household
 *   郵便番号   optional column: 123-4567, 1234567, 〒123-4567 (full-width accepted); the letter's address block
 *
 * Encoding: UTF-8 with or without BOM, or Shift_JIS (CP932), detected. Quoted fields and CRLF/LF are accepted.
 * Every bad row is reported with its line number and a Japanese reason; a file with any error yields no households.
 */
import iconv from "iconv-lite";
import { z } from "zod";
import { safeText } from "@/lib/validation/text";
import { type CsvRecord, CsvSyntaxError, parseCsv } from "./csv";
import { parseJapaneseDate } from "@/lib/dates/wareki";
import { type TownProfile, kanaKey, nameKey, normalizeAddress, normalizeKana, tidyName } from "@/lib/matching/normalize";

export type Sex = "male" | "female";
export type RosterEncoding = "utf-8" | "shift_jis";

export interface RosterMember {
  /** Line of the CSV the member came from (1 = header). */
  line: number;
  name: string;
  nameKey: string;
  kana: string;
  kanaKey: string;
  birthDate: string;
  sex: Sex;
  relationship: string;
  isHead: boolean;
}

export interface RosterHousehold {
  code: string;
  /** Address as written on the head's row. */
  address: string;
  /** 7 digits, from the head's row; null when the file has no 郵便番号 column or the head's cell is empty. */
  postalCode: string | null;
  /** normalizeAddress(address).block: the key JPKI and counter searches are matched on. */
  addressKey: string;
  building: string;
  head: RosterMember;
  /** Head first, then in file order. */
  members: RosterMember[];
}

export interface RosterError {
  line: number;
  message: string;
}

export type RosterParseResult =
  | { ok: true; encoding: RosterEncoding; households: RosterHousehold[]; memberCount: number }
  | { ok: false; encoding: RosterEncoding | null; errors: RosterError[] };

export interface RosterParseOptions {
  /** 基準日, YYYY-MM-DD: nobody on the roster can be born after it. */
  referenceDate: string;
  /** Lets addresses with and without the town's prefecture/郡/町 be recognised as the same place. */
  town?: TownProfile;
}

const COLUMNS = {
  householdCode: ["世帯番号", "世帯コード"],
  address: ["住所"],
  name: ["氏名", "名前"],
  kana: ["氏名カナ", "フリガナ", "カナ氏名", "カナ"],
  birthDate: ["生年月日"],
  sex: ["性別"],
  relationship: ["続柄"],
  postalCode: ["郵便番号", "〒"],
} as const;
type Column = keyof typeof COLUMNS;
/** Columns a roster may leave out. */
const OPTIONAL_COLUMNS: ReadonlySet<Column> = new Set(["postalCode"]);

const HEAD_RELATIONSHIPS = new Set(["世帯主", "本人"]);
const SEX_VALUES: Readonly<Record<string, Sex>> = {
  男: "male", 男性: "male", "1": "male", M: "male", 女: "female", 女性: "female", "2": "female", F: "female",
};

const required = (label: string) => safeText({ label, max: 200, multiline: true }).min(1, { error: `${label}が空です` });

function rowSchema(referenceDate: string) {
  return z.object({
    householdCode: required("世帯番号").transform((value) => value.normalize("NFKC")).pipe(
      z.string().regex(/^[0-9A-Za-z-]{1,32}$/u, { error: "世帯番号は英数字とハイフン（32文字まで）で書いてください" }),
    ),
    address: required("住所"),
    name: required("氏名").transform(tidyName),
    kana: required("氏名カナ")
      .transform(normalizeKana)
      .pipe(z.string().regex(/^[\u30A1-\u30FCー ]+$/u, { error: "氏名カナはカタカナかひらがなで書いてください" })),
    birthDate: required("生年月日").transform((value, ctx) => {
      const parsed = parseJapaneseDate(value);
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: `生年月日が正しくありません: ${parsed.reason}` });
        return z.NEVER;
      }
      if (parsed.date > referenceDate) {
        ctx.addIssue({ code: "custom", message: `生年月日（${value.trim()}）が基準日より後です` });
        return z.NEVER;
      }
      return parsed.date;
    }),
    sex: required("性別").transform((value, ctx) => {
      const sex = SEX_VALUES[value.normalize("NFKC").toUpperCase()];
      if (!sex) {
        ctx.addIssue({ code: "custom", message: `性別「${value}」は使えません（男・女・1・2 のいずれか）` });
        return z.NEVER;
      }
      return sex;
    }),
    relationship: required("続柄").transform((value) => value.normalize("NFKC")),
    postalCode: z
      .string()
      .transform((value) => value.normalize("NFKC").replace(/^〒/u, "").replace(/[-‐ー−\s]/gu, ""))
      .pipe(z.string().regex(/^(\d{7})?$/u, { error: "郵便番号は7桁の数字で書いてください（例: 078-1393）" }))
      .transform((value) => value || null),
  });
}

/** UTF-8 when the bytes are valid UTF-8 (BOM stripped), otherwise CP932; null when neither decodes cleanly. */
export function decodeRosterBytes(bytes: Uint8Array): { text: string; encoding: RosterEncoding } | null {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes), encoding: "utf-8" };
  } catch {
    const text = iconv.decode(Buffer.from(bytes), "cp932");
    return text.includes("\uFFFD") ? null : { text, encoding: "shift_jis" };
  }
}

function readCsv(text: string): CsvRecord[] | RosterError {
  try {
    return parseCsv(text);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    return { line: error.line, message: "CSV の形式が正しくありません（引用符 \" が閉じられていません）" };
  }
}

function findColumns(header: string[]): Record<Column, number> | RosterError[] {
  const labels = header.map((label) => label.normalize("NFKC").trim());
  const errors: RosterError[] = [];
  const indexes = {} as Record<Column, number>;
  for (const [column, aliases] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
    const index = labels.findIndex((label) => aliases.includes(label));
    if (index < 0 && !OPTIONAL_COLUMNS.has(column)) errors.push({ line: 1, message: `見出し行に「${aliases[0]}」の列がありません` });
    indexes[column] = index;
  }
  return errors.length > 0 ? errors : indexes;
}

type ParsedRow = Omit<RosterMember, "isHead" | "nameKey" | "kanaKey"> & { householdCode: string; address: string; postalCode: string | null };

export function parseRosterCsv(input: Uint8Array | string, options: RosterParseOptions): RosterParseResult {
  const decoded = typeof input === "string" ? { text: input, encoding: "utf-8" as const } : decodeRosterBytes(input);
  if (!decoded) {
    return {
      ok: false,
      encoding: null,
      errors: [{ line: 0, message: "文字コードを判別できません。UTF-8 または Shift_JIS で保存してください" }],
    };
  }
  const fail = (errors: RosterError[]): RosterParseResult => ({
    ok: false,
    encoding: decoded.encoding,
    errors: errors.sort((a, b) => a.line - b.line),
  });

  const records = readCsv(decoded.text);
  if (!Array.isArray(records)) return fail([records]);
  const [header, ...body] = records;
  if (!header) return fail([{ line: 0, message: "ファイルが空です" }]);
  const columns = findColumns(header.fields);
  if (Array.isArray(columns)) return fail(columns);
  if (body.length === 0) return fail([{ line: 0, message: "データ行がありません" }]);

  const errors: RosterError[] = [];
  const schema = rowSchema(options.referenceDate);
  const rows: ParsedRow[] = [];
  for (const { line, fields } of body) {
    // Spreadsheets save trailing blank rows as ",,,,,,": not data, so not an error.
    if (fields.every((field) => field.trim() === "")) continue;
    if (fields.length !== header.fields.length) {
      errors.push({ line, message: `列の数が見出し行（${header.fields.length}列）と違います（${fields.length}列）` });
      continue;
    }
    const raw = Object.fromEntries(Object.entries(columns).map(([column, index]) => [column, index < 0 ? "" : (fields[index] ?? "")]));
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      errors.push(...parsed.error.issues.map((issue) => ({ line, message: issue.message })));
      continue;
    }
    rows.push({ line, ...parsed.data });
  }

  if (rows.length === 0 && errors.length === 0) return fail([{ line: 0, message: "データ行がありません" }]);
  const households = groupHouseholds(rows, options.town, errors);
  if (errors.length > 0) return fail(errors);
  return { ok: true, encoding: decoded.encoding, households, memberCount: rows.length };
}

function groupHouseholds(rows: ParsedRow[], town: TownProfile | undefined, errors: RosterError[]): RosterHousehold[] {
  const byCode = new Map<string, ParsedRow[]>();
  for (const row of rows) byCode.set(row.householdCode, [...(byCode.get(row.householdCode) ?? []), row]);

  const seenPeople = new Map<string, { line: number; code: string }>();
  const households: RosterHousehold[] = [];
  for (const [code, group] of byCode) {
    const first = group[0]!;
    const place = normalizeAddress(first.address, town);
    const members: RosterMember[] = [];
    for (const row of group) {
      if (row !== first && normalizeAddress(row.address, town).block !== place.block) {
        errors.push({ line: row.line, message: `住所が同じ世帯（世帯番号 ${code}）の${first.line}行目と異なります` });
      }
      const member: RosterMember = {
        line: row.line,
        name: row.name,
        nameKey: nameKey(row.name),
        kana: row.kana,
        kanaKey: kanaKey(row.kana),
        birthDate: row.birthDate,
        sex: row.sex,
        relationship: row.relationship,
        isHead: HEAD_RELATIONSHIPS.has(row.relationship),
      };
      const personKey = `${member.nameKey}\u0000${member.birthDate}`;
      const seen = seenPeople.get(personKey);
      if (seen) {
        const where = seen.code === code ? "" : `世帯番号 ${seen.code} の`;
        errors.push({ line: row.line, message: `${where}${seen.line}行目と同じ人です（氏名と生年月日が同じ）` });
      } else {
        seenPeople.set(personKey, { line: row.line, code });
      }
      members.push(member);
    }
    const heads = members.filter((member) => member.isHead);
    if (heads.length === 0) {
      errors.push({ line: first.line, message: `世帯番号 ${code} に世帯主がいません（続柄が「世帯主」の行が必要です）` });
      continue;
    }
    for (const extra of heads.slice(1)) {
      errors.push({ line: extra.line, message: `世帯番号 ${code} に世帯主が2人以上います（${heads[0]!.line}行目と${extra.line}行目）` });
    }
    const head = heads[0]!;
    const headRow = group.find((row) => row.line === head.line)!;
    const headAddress = headRow.address;
    const headPlace = normalizeAddress(headAddress, town);
    households.push({
      code,
      address: headAddress,
      postalCode: headRow.postalCode,
      addressKey: headPlace.block,
      building: headPlace.building,
      head,
      members: [head, ...members.filter((member) => member !== head)],
    });
  }
  return households;
}
