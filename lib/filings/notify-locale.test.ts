import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { filings } from "@/db/schema/filings";
import { lineOutbox } from "@/db/schema/line";
import { benefitPrograms } from "@/db/schema/programs";
import { runGuarded } from "@/lib/auth/guard";
import type { StaffActor } from "@/lib/auth/permissions";
import { importRoster } from "@/lib/programs/operations";
import { runResidentGuarded, type ResidentActor } from "@/lib/residents/guard";
import { saveResidentLocale } from "@/lib/residents/locale";
import { createActor, createDepartment } from "@/lib/testing/factories";
import { createProgram, createResident, createVerification } from "@/lib/testing/program-factories";
import { notifyGrantFailed } from "./notify";
import { decideFiling } from "./operations";
import { filingPurpose, submitLineFiling } from "./resident-operations";

const ROSTER = [
  "世帯番号,住所,氏名,氏名カナ,生年月日,性別,続柄",
  "0001,北海道上川郡当麻町3条東2丁目11番1号,当麻 太郎,トウマ タロウ,1950-09-02,男,世帯主",
  "0002,当麻町4条西1丁目5番3号,佐藤 健一,サトウ ケンイチ,1985-12-24,男,世帯主",
].join("\n");
const TARO = { name: "当麻 太郎", address: "北海道上川郡当麻町3条東2丁目11番1号", birthdate: "1950-09-02" };
const KENICHI = { name: "佐藤 健一", address: "当麻町4条西1丁目5番3号", birthdate: "1985-12-24" };

let admin: StaffActor;
let reviewer: StaffActor;
let programId: string;

beforeAll(async () => {
  const departmentId = (await createDepartment()).id;
  admin = await createActor([{ departmentId, role: "dept_admin" }]);
  reviewer = await createActor([{ departmentId, role: "reviewer" }]);
  const program = await createProgram({ departmentId, pointsPerPerson: 10_000 });
  programId = program.id;
  const db = await getDb();
  await db
    .update(benefitPrograms)
    .set({ emoneyName: "とうまポイントカード", emoneyGuidance: "町内の加盟店で作れます。", translations: { en: { emoneyGuidance: "Open one at any participating shop in town." } } })
    .where(eq(benefitPrograms.id, program.id));
  const imported = await runGuarded({ actor: admin, requestId: null }, importRoster, { programId, fileName: "r.csv", bytes: new TextEncoder().encode(ROSTER) });
  if (!imported.ok) throw new Error(imported.error);
});

async function residentIn(locale: "ja" | "ja-easy" | "en", identity: typeof TARO, { withLocale }: { withLocale: boolean }): Promise<ResidentActor> {
  const row = await createResident();
  const db = await getDb();
  await saveResidentLocale(db, { residentId: row.id, locale });
  await createVerification({ residentId: row.id, purpose: filingPurpose(programId), identity });
  return { id: row.id, lineUserId: row.lineUserId, displayName: null, ...(withLocale ? { locale } : {}) };
}

const textsOf = async (cause: string) => (await (await getDb()).select().from(lineOutbox).where(eq(lineOutbox.cause, cause))).map((row) => JSON.stringify(row.messages));

describe("the outbox writes in the language the resident chose", () => {
  it("the receipt in English, with where the points go; a staff decision read from the record, in English too", async () => {
    const taro = await residentIn("en", TARO, { withLocale: true });
    const filed = await runResidentGuarded({ resident: taro, requestId: null }, submitLineFiling, { programId, confirmed: true });
    if (!filed.ok) throw new Error(filed.error);
    const [receipt] = await textsOf(`filing:${filed.data.filingId}:submitted`);
    expect(receipt).toContain("We received your application for");
    expect(receipt).toContain("The points go to “とうまポイントカード”.\\nOpen one at any participating shop in town.");
    const decided = await runGuarded({ actor: reviewer, requestId: null }, decideFiling, { filingId: filed.data.filingId, decision: "return", reason: "住所の確認" });
    if (!decided.ok) throw new Error(decided.error);
    const [returned] = await textsOf(`filing:${filed.data.filingId}:returned`);
    expect(returned).toContain("needs a correction");
    expect(returned).toContain("Reason: 住所の確認");
  });

  it("やさしい日本語 when the session's resident carries no language (read from the record); a vendor failure in plain words", async () => {
    const kenichi = await residentIn("ja-easy", KENICHI, { withLocale: false });
    const filed = await runResidentGuarded({ resident: kenichi, requestId: null }, submitLineFiling, { programId, confirmed: true });
    if (!filed.ok) throw new Error(filed.error);
    const [receipt] = await textsOf(`filing:${filed.data.filingId}:submitted`);
    expect(receipt).toContain("もうしこみを うけつけました");
    expect(receipt).toContain("町内の加盟店で作れます。");
    const db = await getDb();
    const [filing] = await db.select().from(filings).where(eq(filings.id, filed.data.filingId));
    await db.transaction((tx) => notifyGrantFailed(tx, { filing: filing!, vendorReason: "E01 電子マネーのアカウントが見つかりません", batchId: "b1" }));
    const [failure] = await textsOf(`filing:${filed.data.filingId}:grant_failed`);
    expect(failure).toContain("アカウントが ありませんでした。アカウントを 作ってから、役場に れんらく して ください。");
    expect(failure).not.toContain("E01");
  });
});

describe("the program's translations in the database", () => {
  it("must be an object keyed by language", async () => {
    const db = await getDb();
    await expect(db.execute(`update benefit_programs set translations = '[]'::jsonb where id = '${programId}'`)).rejects.toThrow();
    const [row] = await db.select({ translations: benefitPrograms.translations }).from(benefitPrograms).where(eq(benefitPrograms.id, programId));
    expect(row!.translations).toEqual({ en: { emoneyGuidance: "Open one at any participating shop in town." } });
  });
});
