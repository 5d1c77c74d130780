import { randomUUID } from "node:crypto";
import { getDb } from "@/db";
import { benefitPrograms, householdMembers, households, type MessageTemplates } from "@/db/schema/programs";
import { jpkiRequests, jpkiVerifications } from "@/db/schema/jpki";
import { residents } from "@/db/schema/residents";
import { nameKey } from "@/lib/matching/normalize";
import { uniqueSuffix } from "./factories";

export const TEST_TEMPLATES: MessageTemplates = {
  received: "{事業名}の申請を受け付けました。受付番号: {受付番号}",
  approved: "{事業名}の申請を承認しました。{ポイント}ポイントを付与します。",
  rejected: "{事業名}の申請は却下されました。理由: {理由}",
  returned: "{事業名}の申請に修正が必要です。理由: {理由}",
  granted: "{事業名}: {ポイント}ポイントを付与しました。",
};

export async function createProgram(options: { departmentId: string; pointsPerPerson?: number; status?: "draft" | "open" | "closed"; lineRequiresJpki?: boolean }) {
  const db = await getDb();
  const now = Date.now();
  const [program] = await db
    .insert(benefitPrograms)
    .values({
      departmentId: options.departmentId,
      // Program codes are 2–8 characters, like the real ones.
      code: `T${uniqueSuffix().slice(0, 7).toUpperCase()}`,
      name: "物価高騰対策ポイント給付",
      pointsPerPerson: options.pointsPerPerson ?? 10_000,
      referenceDate: "2026-10-01",
      filingOpensAt: new Date(now - 86_400_000),
      filingClosesAt: new Date(now + 30 * 86_400_000),
      templates: TEST_TEMPLATES,
      status: options.status ?? "open",
      lineRequiresJpki: options.lineRequiresJpki ?? true,
    })
    .returning();
  return program!;
}

export async function createHousehold(options: { programId: string; members?: number; pointsPerPerson?: number; address?: string }) {
  const db = await getDb();
  const memberCount = options.members ?? 3;
  const address = options.address ?? `当麻町3条東2丁目${Math.floor(Math.random() * 900) + 1}番1号`;
  const [household] = await db
    .insert(households)
    .values({
      programId: options.programId,
      householdCode: `H${uniqueSuffix()}`,
      address,
      addressKey: address,
      referenceCode: randomUUID(),
      memberCount,
      points: (options.pointsPerPerson ?? 10_000) * memberCount,
    })
    .returning();
  const members = await db
    .insert(householdMembers)
    .values(
      Array.from({ length: memberCount }, (_, i) => ({
        householdId: household!.id,
        name: i === 0 ? "当麻 太郎" : `当麻 家族${i}`,
        nameKana: i === 0 ? "トウマ タロウ" : `トウマ カゾク${i}`,
        nameKey: i === 0 ? "当麻太郎" : `当麻家族${i}`,
        kanaKey: i === 0 ? "とおまたろお" : `とおまかぞく${i}`,
        birthDate: `19${50 + i}-04-01`,
        sex: "male" as const,
        isHead: i === 0,
        position: i,
      })),
    )
    .returning();
  return { ...household!, members };
}

export async function createResident() {
  const db = await getDb();
  const [resident] = await db
    .insert(residents)
    .values({ lineUserId: `U${randomUUID().replaceAll("-", "")}`, following: true })
    .returning();
  return resident!;
}

/**
 * A completed JPKI verification for a resident and purpose, as lib/jpki's callback stores it
 * (tests of what happens after the identity step; the step itself is tested in lib/jpki).
 */
export async function createVerification(options: {
  residentId: string;
  purpose: string;
  identity: { name: string; address: string; birthdate: string; gender?: string };
  verifiedAt?: Date;
  /** A verification stored before its matching keys were (no name_key), as rows from before migration 0009. */
  withoutMatchingKeys?: boolean;
}) {
  const db = await getDb();
  const [request] = await db
    .insert(jpkiRequests)
    .values({
      residentId: options.residentId,
      purpose: options.purpose,
      stateHash: randomUUID(),
      nonce: randomUUID(),
      codeVerifier: randomUUID(),
      returnTo: "/liff",
      status: "verified",
      expiresAt: new Date(Date.now() + 600_000),
    })
    .returning();
  const [verification] = await db
    .insert(jpkiVerifications)
    .values({
      residentId: options.residentId,
      requestId: request!.id,
      purpose: options.purpose,
      issuer: "https://jpki.simulator.test",
      subjectHash: randomUUID(),
      gender: "male",
      ...options.identity,
      nameKey: options.withoutMatchingKeys ? null : nameKey(options.identity.name),
      verifiedAt: options.verifiedAt ?? new Date(),
      expiresAt: new Date(Date.now() + 3_600_000),
    })
    .returning();
  return verification!;
}
