import "./load-env";
import { and, eq } from "drizzle-orm";
import { closeDatabase, getDb } from "@/db";
import { departments } from "@/db/schema/departments";
import { staff, staffMemberships } from "@/db/schema/staff";
import { E2E_ACCOUNTS } from "@/e2e/accounts";
import { writeAudit } from "@/lib/audit/log";
import { hashPassword } from "@/lib/auth/password";
import { getConfig } from "@/lib/config/env";

// Test-only accounts for the browser suite (lockout, password change). Idempotent; refused in production.
const config = getConfig();
if (config.NODE_ENV === "production" && !config.E2E_PRODUCTION_BUILD) {
  console.error("本番環境では e2e 用のアカウントを作成できません。");
  process.exit(1);
}
const db = await getDb();
const [department] = await db.select().from(departments).where(and(eq(departments.code, "machizukuri"))).limit(1);
if (!department) {
  console.error("デモデータがありません。先に npm run db:seed を実行してください。");
  process.exit(1);
}
let created = 0;
await db.transaction(async (tx) => {
  for (const account of Object.values(E2E_ACCOUNTS)) {
    const [row] = await tx
      .insert(staff)
      .values({
        loginId: account.loginId,
        displayName: account.displayName,
        passwordHash: await hashPassword(account.password),
        mustChangePassword: account.mustChangePassword,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) continue;
    created++;
    await tx.insert(staffMemberships).values({ staffId: row.id, departmentId: department.id, role: "viewer" });
  }
  if (created > 0) {
    await writeAudit(tx, {
      action: "seed.e2e",
      entity: "system",
      actor: { type: "system", id: null, label: "e2e-seed" },
      requestId: null,
      after: { staff: created },
    });
  }
});
console.log(`e2e accounts: ${created} created`);
await closeDatabase();
