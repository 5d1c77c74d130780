import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { departments, type Site } from "@/db/schema/departments";
import { staff, staffMemberships, type Role } from "@/db/schema/staff";
import { writeAudit } from "@/lib/audit/log";
import { hashPassword } from "@/lib/auth/password";
import { seedDemoReservations } from "./demo-reservations";
import { seedDemoTopics } from "./demo-segments";

/** Dev-only: the demo accounts' password, printed in the README. Seeding refuses to run in production. */
export const DEMO_PASSWORD = "yakuba-demo-2026";

export const DEMO_DEPARTMENTS: { code: string; name: string; site: Site; phone: string; counterHours: string }[] = [
  { code: "soumu-joho", name: "総務課情報グループ", site: "本庁舎", phone: "0166-58-2111", counterHours: "平日 8:30〜17:15" },
  { code: "machizukuri", name: "まちづくり推進課", site: "本庁舎", phone: "0166-58-2112", counterHours: "平日 8:30〜17:15" },
  { code: "hoken-fukushi", name: "保健福祉課", site: "本庁舎", phone: "0166-58-2113", counterHours: "平日 8:30〜17:15" },
  { code: "kosodate", name: "子育て支援課", site: "本庁舎", phone: "0166-58-2114", counterHours: "平日 8:30〜17:15" },
  { code: "kyoiku", name: "教育委員会", site: "支所", phone: "0166-58-2115", counterHours: "平日 9:00〜17:00" },
];

export const DEMO_STAFF: { loginId: string; displayName: string; departmentCode: string; role: Role }[] = [
  { loginId: "admin@yakuba.example", displayName: "情報 太郎", departmentCode: "soumu-joho", role: "system_admin" },
  { loginId: "machi-admin@yakuba.example", displayName: "推進 花子", departmentCode: "machizukuri", role: "dept_admin" },
  { loginId: "reviewer@yakuba.example", displayName: "審査 一郎", departmentCode: "machizukuri", role: "reviewer" },
  { loginId: "counter@yakuba.example", displayName: "窓口 さくら", departmentCode: "machizukuri", role: "counter" },
  { loginId: "viewer@yakuba.example", displayName: "閲覧 次郎", departmentCode: "machizukuri", role: "viewer" },
  { loginId: "kosodate-reviewer@yakuba.example", displayName: "子育 三郎", departmentCode: "kosodate", role: "reviewer" },
];

/** Idempotent: creates what is missing, never overwrites what staff have changed since. */
export async function seedDemoData(db: Database): Promise<{ createdDepartments: number; createdStaff: number }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const insertedDepartments = await tx.insert(departments).values(DEMO_DEPARTMENTS).onConflictDoNothing().returning();
    const allDepartments = await tx.select().from(departments);
    const idOf = (code: string) => allDepartments.find((d) => d.code === code)!.id;
    let createdStaff = 0;
    for (const person of DEMO_STAFF) {
      const [created] = await tx
        .insert(staff)
        .values({ loginId: person.loginId, displayName: person.displayName, passwordHash })
        .onConflictDoNothing()
        .returning();
      if (!created) continue;
      createdStaff++;
      await tx.insert(staffMemberships).values({ staffId: created.id, departmentId: idOf(person.departmentCode), role: person.role });
    }
    await seedDemoReservations(tx);
    await seedDemoTopics(tx);
    if (insertedDepartments.length > 0 || createdStaff > 0) {
      await writeAudit(tx, {
        action: "seed.demo",
        entity: "system",
        actor: { type: "system", id: null, label: "db:seed" },
        requestId: null,
        after: { departments: insertedDepartments.length, staff: createdStaff },
      });
    }
    return { createdDepartments: insertedDepartments.length, createdStaff };
  });
}

export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const rows = await db.select({ id: departments.id }).from(departments).where(eq(departments.active, true)).limit(1);
  return rows.length === 0;
}
