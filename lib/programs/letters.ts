import "server-only";
import { and, asc, eq, gt } from "drizzle-orm";
import { z } from "zod";
import { safeText } from "@/lib/validation/text";
import type { Executor } from "@/db";
import type { Department } from "@/db/schema/departments";
import { householdMembers, households, type BenefitProgram } from "@/db/schema/programs";
import { jstToday } from "@/lib/dates/jst";
import { GuardError, MESSAGES } from "@/lib/auth/guard";
import { defineOperation } from "@/lib/auth/operation";
import { getConfig } from "@/lib/config/env";
import { getDepartmentById } from "@/lib/departments/queries";
import { defaultLetterFonts } from "@/lib/letters/fonts";
import type { LetterHousehold, LetterSettings } from "@/lib/letters/pdf";
import { getProgramById } from "./queries";

/** The rich menu button residents press (lib/line/richmenu.ts). */
export const RICH_MENU_LABEL = "物価高騰支援";

/**
 * What every letter of a program prints besides the household. The QR code opens LINE_ACCOUNT_URL, or else
 * the town's LIFF app (always an https liff.line.me URL, also when the app itself runs on simulators).
 */
export function letterSettingsFor(program: BenefitProgram, department: Department, now = new Date()): LetterSettings {
  const config = getConfig();
  const town = config.TOWN_NAME;
  return {
    townName: town,
    programName: program.name,
    lineAccountUrl: config.LINE_ACCOUNT_URL ?? `https://liff.line.me/${config.LIFF_ID}`,
    richMenuLabel: RICH_MENU_LABEL,
    issueDate: jstToday(now),
    deadline: jstToday(program.filingClosesAt),
    pointsPerPerson: program.pointsPerPerson,
    sender: `${town}役場 ${department.name}`,
    counter: {
      place: `${town}役場 ${department.site} ${department.name}`,
      hours: department.counterHours ?? "平日 8:30〜17:15",
      phone: department.phone ?? undefined,
    },
    town: { prefecture: config.TOWN_PREFECTURE, county: config.TOWN_COUNTY, municipality: town },
    fonts: defaultLetterFonts(),
  };
}

/** Every household of the program in household-code order, read in keyset chunks for the streamed PDF. */
export async function* letterHouseholds(
  db: Executor,
  { programId, householdCode, chunkSize = 500 }: { programId: string; householdCode?: string; chunkSize?: number },
): AsyncGenerator<LetterHousehold> {
  let after: string | null = null;
  for (;;) {
    const rows: LetterHousehold[] = await db
      .select({
        householdCode: households.householdCode,
        address: households.address,
        headName: householdMembers.name,
        memberCount: households.memberCount,
        referenceCode: households.referenceCode,
        postalCode: households.postalCode,
      })
      .from(households)
      .innerJoin(householdMembers, and(eq(householdMembers.householdId, households.id), eq(householdMembers.isHead, true)))
      .where(
        and(
          eq(households.programId, programId),
          householdCode ? eq(households.householdCode, householdCode) : undefined,
          after ? gt(households.householdCode, after) : undefined,
        ),
      )
      .orderBy(asc(households.householdCode))
      .limit(chunkSize);
    yield* rows;
    if (rows.length < chunkSize) return;
    after = rows.at(-1)!.householdCode;
  }
}

/** Authorises and audits the bulk letter download: it carries every household's address and reference code. */
export const exportGuideLetters = defineOperation({
  action: "program.manage",
  schema: z.object({
    programId: z.uuid({ error: "事業が正しく指定されていません" }),
    /** One household's letter again (a lost or returned letter); the whole mailing without it. */
    householdCode: safeText({ label: "世帯番号", min: 1, max: 40 }).optional(),
  }),
  departments: async (data, tx) => {
    const program = await getProgramById(tx, data);
    if (!program) throw new GuardError(404, MESSAGES.notFound);
    return [program.departmentId];
  },
  async run({ data, tx }) {
    const program = (await getProgramById(tx, data))!;
    const department = (await getDepartmentById(tx, { departmentId: program.departmentId }))!;
    const [first] = await tx
      .select({ id: households.id })
      .from(households)
      .where(and(eq(households.programId, program.id), data.householdCode ? eq(households.householdCode, data.householdCode) : undefined))
      .limit(1);
    if (!first && data.householdCode) {
      throw new GuardError(404, `世帯番号 ${data.householdCode} の世帯は、この事業の名簿にありません。`, { householdCode: ["名簿にない世帯番号です"] });
    }
    if (!first) throw new GuardError(409, "名簿が取り込まれていません。先に対象世帯の名簿を取り込んでください。");
    return {
      result: { program, householdCode: data.householdCode ?? null, settings: letterSettingsFor(program, department) },
      audit: {
        action: data.householdCode ? "program.letter_reprint" : "program.letters_export",
        entity: data.householdCode ? "household" : "benefit_program",
        entityId: data.householdCode ? first.id : program.id,
        departmentId: program.departmentId,
        after: { format: "pdf", programId: program.id, householdCode: data.householdCode ?? null },
      },
    };
  },
});
