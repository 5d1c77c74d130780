import { randomUUID } from "node:crypto";
import { getDb } from "@/db";
import { departments } from "@/db/schema/departments";
import { staff, staffMemberships, type Role } from "@/db/schema/staff";
import { getStaffActorById } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import type { StaffActor } from "@/lib/auth/permissions";

/** Unique per call, so tests sharing one PostgreSQL database never collide. */
export function uniqueSuffix(): string {
  return randomUUID().slice(0, 8);
}

export async function createDepartment(name = `テスト課${uniqueSuffix()}`) {
  const db = await getDb();
  const [row] = await db
    .insert(departments)
    .values({ code: `t-${uniqueSuffix()}`, name })
    .returning();
  return row!;
}

const passwordHashes = new Map<string, Promise<string>>();

export async function createStaff(options: {
  memberships: { departmentId: string; role: Role }[];
  password?: string;
  active?: boolean;
  displayName?: string;
}): Promise<{ id: string; loginId: string; password: string }> {
  const db = await getDb();
  const password = options.password ?? "correct horse battery staple";
  if (!passwordHashes.has(password)) passwordHashes.set(password, hashPassword(password));
  const loginId = `staff-${uniqueSuffix()}@example.lg.jp`;
  const [row] = await db
    .insert(staff)
    .values({
      loginId,
      displayName: options.displayName ?? `職員 ${loginId.slice(6, 10)}`,
      passwordHash: await passwordHashes.get(password)!,
      active: options.active ?? true,
    })
    .returning();
  if (options.memberships.length > 0) {
    await db.insert(staffMemberships).values(options.memberships.map((m) => ({ staffId: row!.id, ...m })));
  }
  return { id: row!.id, loginId, password };
}

export async function createActor(memberships: { departmentId: string; role: Role }[]): Promise<StaffActor> {
  const created = await createStaff({ memberships });
  return (await getStaffActorById(await getDb(), { staffId: created.id }))!;
}
