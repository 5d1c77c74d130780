import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { departments } from "@/db/schema/departments";
import { filings } from "@/db/schema/filings";
import { benefitPrograms, householdMembers, households } from "@/db/schema/programs";
import { jpkiRequests, jpkiVerifications } from "@/db/schema/jpki";
import { residents } from "@/db/schema/residents";
import { staff } from "@/db/schema/staff";
import { getStaffActorById } from "@/lib/auth/actor";
import { runGuarded } from "@/lib/auth/guard";
import { submitFiling } from "@/lib/filings/core";
import { decideFiling } from "@/lib/filings/operations";
import { fileAtCounter } from "@/lib/filings/counter-operations";
import { importRoster, setProgramStatus } from "@/lib/programs/operations";
import { DEFAULT_TEMPLATES } from "@/lib/programs/validations";

/** Dev-only demo program; `seedDemoData` (lib/seed/demo.ts) must have run first for the department and staff. */
export const DEMO_PROGRAM_CODE = "BK25";

type Person = [name: string, kana: string, birth: string, sex: "男" | "女", relationship: string];
type DemoHousehold = { code: string; address: string; members: Person[] };

// Real 当麻町 address forms: 条/丁目 grid in the town centre, 字 districts outside it.
const HOUSEHOLDS: DemoHousehold[] = [
  { code: "0001", address: "当麻町3条東2丁目10番1号", members: [["髙橋 一郎", "タカハシ イチロウ", "昭和25年4月1日", "男", "世帯主"], ["髙橋 和子", "タカハシ カズコ", "昭和27年10月3日", "女", "妻"]] },
  { code: "0002", address: "当麻町4条西1丁目5番2号 コーポ当麻101号室", members: [["山﨑 花子", "ヤマザキ ハナコ", "1988-02-29", "女", "世帯主"], ["山﨑 陽翔", "ヤマザキ ハルト", "2016-06-12", "男", "子"]] },
  { code: "0003", address: "当麻町2条東3丁目4番8号", members: [["佐藤 勝", "サトウ マサル", "昭和18年1月15日", "男", "世帯主"]] },
  { code: "0004", address: "当麻町5条西2丁目1番3号", members: [["鈴木 健太", "スズキ ケンタ", "1979-08-21", "男", "世帯主"], ["鈴木 美咲", "スズキ ミサキ", "1982-03-09", "女", "妻"], ["鈴木 蓮", "スズキ レン", "2010-11-30", "男", "子"], ["鈴木 結衣", "スズキ ユイ", "2013-05-05", "女", "子"]] },
  { code: "0005", address: "当麻町字伊香牛1234番地", members: [["田中 正男", "タナカ マサオ", "昭和12年7月7日", "男", "世帯主"], ["田中 トシ", "タナカ トシ", "昭和15年2月11日", "女", "妻"]] },
  { code: "0006", address: "当麻町1条東1丁目2番5号", members: [["伊藤 由美子", "イトウ ユミコ", "1961-12-24", "女", "世帯主"]] },
  { code: "0007", address: "当麻町3条西4丁目7番10号", members: [["渡辺 大輔", "ワタナベ ダイスケ", "1985-04-18", "男", "世帯主"], ["渡辺 彩", "ワタナベ アヤ", "1987-09-02", "女", "妻"], ["渡辺 陽菜", "ワタナベ ヒナ", "2019-01-20", "女", "子"]] },
  { code: "0008", address: "当麻町字宇園別2丁目456番地", members: [["中村 清", "ナカムラ キヨシ", "昭和22年3月3日", "男", "世帯主"], ["中村 幸子", "ナカムラ サチコ", "昭和24年6月16日", "女", "妻"], ["中村 誠", "ナカムラ マコト", "1975-10-10", "男", "子"]] },
  { code: "0009", address: "当麻町6条東2丁目3番1号", members: [["小林 翔太", "コバヤシ ショウタ", "1996-07-31", "男", "世帯主"]] },
  { code: "0010", address: "当麻町4条東3丁目9番2号", members: [["加藤 恵子", "カトウ ケイコ", "昭和30年11月11日", "女", "世帯主"], ["加藤 実", "カトウ ミノル", "昭和28年5月25日", "男", "夫"]] },
  { code: "0011", address: "当麻町2条西1丁目6番4号", members: [["吉田 拓也", "ヨシダ タクヤ", "1990-02-14", "男", "世帯主"], ["吉田 さくら", "ヨシダ サクラ", "1992-04-01", "女", "妻"]] },
  { code: "0012", address: "当麻町字中当麻789番地1", members: [["山田 太郎", "ヤマダ タロウ", "昭和35年8月8日", "男", "世帯主"], ["山田 花子", "ヤマダ ハナコ", "昭和37年1月1日", "女", "妻"], ["山田 一郎", "ヤマダ イチロウ", "1990-12-12", "男", "子"]] },
  { code: "0013", address: "当麻町5条東1丁目4番6号", members: [["佐々木 ハル", "ササキ ハル", "昭和9年4月29日", "女", "世帯主"]] },
  { code: "0014", address: "当麻町3条東4丁目2番7号", members: [["松本 浩二", "マツモト コウジ", "1970-06-06", "男", "世帯主"], ["松本 由紀", "マツモト ユキ", "1972-09-19", "女", "妻"], ["松本 悠真", "マツモト ユウマ", "2005-02-02", "男", "子"]] },
  { code: "0015", address: "当麻町1条西2丁目8番1号", members: [["井上 茂", "イノウエ シゲル", "昭和20年12月1日", "男", "世帯主"]] },
  { code: "0016", address: "当麻町字園別3456番地", members: [["木村 直樹", "キムラ ナオキ", "1983-11-23", "男", "世帯主"], ["木村 麻衣", "キムラ マイ", "1986-08-15", "女", "妻"], ["木村 湊", "キムラ ミナト", "2014-03-27", "男", "子"], ["木村 紬", "キムラ ツムギ", "2018-10-08", "女", "子"], ["木村 トミ", "キムラ トミ", "昭和13年5月5日", "女", "祖母"]] },
  { code: "0017", address: "当麻町4条西3丁目1番9号", members: [["林 美和", "ハヤシ ミワ", "1968-01-30", "女", "世帯主"], ["林 亮", "ハヤシ リョウ", "1998-07-14", "男", "子"]] },
  { code: "0018", address: "当麻町6条西1丁目5番3号", members: [["清水 昭", "シミズ アキラ", "昭和16年9月9日", "男", "世帯主"], ["清水 キヨ", "シミズ キヨ", "昭和19年3月21日", "女", "妻"]] },
  { code: "0019", address: "当麻町2条東2丁目10番2号", members: [["山口 翼", "ヤマグチ ツバサ", "2001-05-19", "男", "世帯主"]] },
  { code: "0020", address: "当麻町字開明567番地", members: [["森 康夫", "モリ ヤスオ", "昭和26年10月26日", "男", "世帯主"], ["森 洋子", "モリ ヨウコ", "昭和29年12月3日", "女", "妻"]] },
  { code: "0021", address: "当麻町3条西1丁目3番4号", members: [["阿部 真由美", "アベ マユミ", "1975-03-17", "女", "世帯主"], ["阿部 颯太", "アベ ソウタ", "2008-09-01", "男", "子"]] },
  { code: "0022", address: "当麻町5条西4丁目6番1号", members: [["池田 武", "イケダ タケシ", "昭和23年2月2日", "男", "世帯主"]] },
  { code: "0023", address: "当麻町1条東3丁目7番2号", members: [["橋本 健一", "ハシモト ケンイチ", "1966-04-04", "男", "世帯主"], ["橋本 智子", "ハシモト トモコ", "1969-07-07", "女", "妻"]] },
  { code: "0024", address: "当麻町4条東1丁目12番5号", members: [["石川 千代", "イシカワ チヨ", "昭和11年11月3日", "女", "世帯主"]] },
  { code: "0025", address: "当麻町字緑郷890番地", members: [["前田 聡", "マエダ サトシ", "1980-10-20", "男", "世帯主"], ["前田 舞", "マエダ マイ", "1984-01-11", "女", "妻"], ["前田 大和", "マエダ ヤマト", "2012-12-25", "男", "子"]] },
  { code: "0026", address: "当麻町2条西3丁目5番6号", members: [["藤田 義雄", "フジタ ヨシオ", "昭和17年8月15日", "男", "世帯主"], ["藤田 文子", "フジタ フミコ", "昭和21年4月10日", "女", "妻"]] },
  { code: "0027", address: "当麻町6条東3丁目2番8号", members: [["後藤 美穂", "ゴトウ ミホ", "1993-06-23", "女", "世帯主"]] },
  { code: "0028", address: "当麻町3条東1丁目9番3号", members: [["岡田 隆", "オカダ タカシ", "1958-02-28", "男", "世帯主"], ["岡田 陽子", "オカダ ヨウコ", "1960-05-31", "女", "妻"]] },
  // The demo LINE residents (lib/residents/demo.ts): 当麻 太郎 (head) and 花子 share a household, so the second of
  // them to file is stopped; 佐藤 健一 cancels JPKI, 木村 美咲's card is locked, 山田 正's card has his old address.
  { code: "0031", address: "当麻町3条東2丁目11番1号", members: [["当麻 太郎", "トウマ タロウ", "1950-09-02", "男", "世帯主"], ["当麻 花子", "トウマ ハナコ", "1952-04-18", "女", "妻"]] },
  { code: "0032", address: "当麻町4条西1丁目5番3号", members: [["佐藤 健一", "サトウ ケンイチ", "1985-12-24", "男", "世帯主"]] },
  { code: "0033", address: "当麻町宇園別1区124番地", members: [["木村 美咲", "キムラ ミサキ", "1993-07-07", "女", "世帯主"]] },
  { code: "0034", address: "当麻町中央2区5番地", members: [["山田 正", "ヤマダ タダシ", "1947-01-30", "男", "世帯主"]] },
  // Two register entries at one address whose heads read the same (ハセガワ ススム), a likely double registration: the fuzzy
  // duplicate scan groups their filings for side-by-side review.
  { code: "0029", address: "当麻町5条東2丁目8番4号", members: [["長谷川 進", "ハセガワ ススム", "昭和31年1月23日", "男", "世帯主"]] },
  { code: "0030", address: "当麻町5条東2丁目8番4号", members: [["長谷川 晋", "ハセガワ ススム", "昭和31年1月25日", "男", "世帯主"], ["長谷川 澄江", "ハセガワ スミエ", "昭和33年9月14日", "女", "妻"]] },
];

export function demoRosterCsv(): string {
  // 078-1300: 当麻町's postal code for addresses without a street-level one.
  const lines = ["世帯番号,住所,氏名,氏名カナ,生年月日,性別,続柄,郵便番号"];
  for (const household of HOUSEHOLDS) {
    for (const [name, kana, birth, sex, relationship] of household.members) {
      lines.push([household.code, household.address, name, kana, birth, sex, relationship, "078-1300"].join(","));
    }
  }
  return `${lines.join("\r\n")}\r\n`;
}

// Demo filings: [household code, channel, status after review, hour of day (JST), days ago].
const FILINGS: [string, "line" | "counter", "submitted" | "approved", number, number][] = [
  ["0001", "counter", "approved", 9, 3],
  ["0003", "counter", "submitted", 10, 2],
  ["0004", "line", "approved", 12, 3],
  ["0005", "counter", "submitted", 11, 1],
  ["0007", "line", "approved", 18, 2],
  ["0009", "line", "submitted", 21, 1],
  ["0010", "counter", "approved", 14, 2],
  ["0011", "line", "submitted", 12, 0],
  ["0013", "counter", "submitted", 9, 0],
  ["0014", "line", "submitted", 17, 1],
  ["0029", "counter", "submitted", 10, 1],
  ["0030", "line", "submitted", 19, 1],
];

/**
 * Idempotent: creates the 物価高騰対策ポイント給付 program of まちづくり推進課, imports its roster through
 * importRoster (so reference codes are real and the import is audited), opens it and files a few demo
 * applications through the same operations staff and residents use.
 */
export async function seedDemoProgram(db: Database): Promise<{ programId: string; created: boolean; filings: number }> {
  const [department] = await db.select().from(departments).where(eq(departments.code, "machizukuri"));
  if (!department) throw new Error("まちづくり推進課がありません。先に seedDemoData を実行してください。");
  const actorFor = async (loginId: string) => {
    const [row] = await db.select({ id: staff.id }).from(staff).where(eq(staff.loginId, loginId));
    const actor = row ? await getStaffActorById(db, { staffId: row.id }) : null;
    if (!actor) throw new Error(`デモ職員 ${loginId} がありません。先に seedDemoData を実行してください。`);
    return actor;
  };
  const admin = await actorFor("machi-admin@yakuba.example");
  const context = { actor: admin, requestId: "seed-demo-program" };

  let [program] = await db.select().from(benefitPrograms).where(eq(benefitPrograms.code, DEMO_PROGRAM_CODE));
  const created = !program;
  if (!program) {
    const now = Date.now();
    [program] = await db
      .insert(benefitPrograms)
      .values({
        departmentId: department.id,
        code: DEMO_PROGRAM_CODE,
        name: "物価高騰対策ポイント給付",
        pointsPerPerson: 10_000,
        referenceDate: "2026-10-01",
        filingOpensAt: new Date(now - 14 * 86_400_000),
        filingClosesAt: new Date(now + 45 * 86_400_000),
        templates: { ...DEFAULT_TEMPLATES },
        status: "draft",
      })
      .returning();
  }
  const programId = program!.id;

  const [roster] = await db.select({ n: sql<number>`count(*)::int` }).from(households).where(eq(households.programId, programId));
  if (roster!.n === 0) {
    const imported = await runGuarded(context, importRoster, { programId, fileName: "demo-roster.csv", bytes: new TextEncoder().encode(demoRosterCsv()) });
    if (!imported.ok) throw new Error(`デモ名簿を取り込めません: ${imported.error} ${JSON.stringify(imported.fieldErrors ?? {})}`);
  }
  if (program!.status !== "open") {
    const opened = await runGuarded(context, setProgramStatus, { programId, status: "open" });
    if (!opened.ok) throw new Error(`デモ事業の受付を開始できません: ${opened.error}`);
  }
  [program] = await db.select().from(benefitPrograms).where(eq(benefitPrograms.id, programId));

  const [filed] = await db.select({ n: sql<number>`count(*)::int` }).from(filings).where(eq(filings.programId, programId));
  if (filed!.n > 0) return { programId, created, filings: 0 };

  const counter = { actor: await actorFor("counter@yakuba.example"), requestId: "seed-demo-program" };
  const reviewer = { actor: await actorFor("reviewer@yakuba.example"), requestId: "seed-demo-program" };
  let count = 0;
  for (const [code, channel, status, hour, daysAgo] of FILINGS) {
    const [household] = await db.select().from(households).where(and(eq(households.programId, programId), eq(households.householdCode, code)));
    const [head] = await db.select().from(householdMembers).where(and(eq(householdMembers.householdId, household!.id), eq(householdMembers.isHead, true)));
    let filingId: string;
    if (channel === "counter") {
      const result = await runGuarded(counter, fileAtCounter, { householdId: household!.id, representativeMemberId: head!.id, identityDocument: "drivers_license" });
      if (!result.ok) throw new Error(result.error);
      filingId = result.data.filingId;
    } else {
      // Demo LINE filers: a resident row stands in for the LINE user the LIFF flow would have signed in.
      const [resident] = await db.insert(residents).values({ lineUserId: `Udemo${code}${"0".repeat(24)}`, displayName: head!.name, following: true }).onConflictDoNothing().returning();
      const residentId = resident?.id ?? (await db.select().from(residents).where(eq(residents.lineUserId, `Udemo${code}${"0".repeat(24)}`)))[0]!.id;
      const filing = await db.transaction((tx) =>
        submitFiling(tx, { program: program!, household: household!, representativeMemberId: head!.id, channel: "line", residentId }),
      );
      filingId = filing.id;
    }
    // Spread the demo over past days and hours so the report's charts have a shape.
    const day = new Date(Date.now() - daysAgo * 86_400_000);
    const jstDate = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(day);
    const submittedAt = new Date(`${jstDate}T${String(hour).padStart(2, "0")}:${String((count * 7) % 60).padStart(2, "0")}:00+09:00`);
    await db.update(filings).set({ submittedAt: submittedAt > new Date() ? new Date() : submittedAt }).where(eq(filings.id, filingId));
    if (status === "approved") {
      const decided = await runGuarded(reviewer, decideFiling, { filingId, decision: "approve" });
      if (!decided.ok) throw new Error(decided.error);
    }
    count++;
  }
  await seedVerifiedLineFiling(db, program!);
  return { programId, created, filings: count + 1 };
}

/**
 * A LINE filing with a JPKI verification, as the LIFF flow stores it: 山﨑 花子's card reads 山崎 (a spelling
 * variant the matcher accepts) and names room 102 where the roster says 101, so the review page shows the card
 * beside the roster with the address marked as different.
 */
async function seedVerifiedLineFiling(db: Database, program: typeof benefitPrograms.$inferSelect) {
  const [household] = await db.select().from(households).where(and(eq(households.programId, program.id), eq(households.householdCode, "0002")));
  const [head] = await db.select().from(householdMembers).where(and(eq(householdMembers.householdId, household!.id), eq(householdMembers.isHead, true)));
  const lineUserId = `Udemo0002${"0".repeat(24)}`;
  const [resident] = await db.insert(residents).values({ lineUserId, displayName: "はなこ", following: true }).returning();
  const purpose = `filing:${program.id}`;
  const expiresAt = new Date(Date.now() + 30 * 86_400_000);
  const [request] = await db
    .insert(jpkiRequests)
    .values({ residentId: resident!.id, purpose, stateHash: `demo-${randomUUID()}`, nonce: "demo", codeVerifier: "demo", returnTo: "/liff/benefit", status: "verified", expiresAt, completedAt: new Date() })
    .returning();
  const [verification] = await db
    .insert(jpkiVerifications)
    .values({
      residentId: resident!.id,
      requestId: request!.id,
      purpose,
      issuer: "demo-jpki",
      subjectHash: `demo-${randomUUID()}`,
      name: "山崎 花子",
      address: "北海道上川郡当麻町4条西1丁目5番2号 コーポ当麻102号室",
      birthdate: "1988-02-29",
      gender: "female",
      expiresAt,
    })
    .returning();
  await db.transaction((tx) =>
    submitFiling(tx, { program, household: household!, representativeMemberId: head!.id, channel: "line", residentId: resident!.id, jpkiVerificationId: verification!.id, addressMatch: "exact" }),
  );
}
