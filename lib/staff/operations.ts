import "server-only";
import { randomInt } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Transaction } from "@/db";
import { staff, staffMemberships } from "@/db/schema/staff";
import { GuardError, MESSAGES } from "@/lib/auth/guard";
import { defineOperation } from "@/lib/auth/operation";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { canInDepartment, departmentsFor, isSystemAdmin, type StaffActor } from "@/lib/auth/permissions";
import { isUniqueViolation } from "@/lib/db-errors";
import { getDepartmentById } from "@/lib/departments/queries";
import { getStaffById, getStaffPage } from "./queries";
import {
  assignRoleSchema,
  changeOwnPasswordSchema,
  createStaffSchema,
  resetStaffPasswordSchema,
  setStaffActiveSchema,
  staffListParamsSchema,
  unlockStaffSchema,
  viewStaffSchema,
} from "./validations";

// No 0/O, 1/l/I: temporary passwords are read aloud over the phone or copied from a screen.
const TEMP_PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export function generateTemporaryPassword(length = 16): string {
  return Array.from({ length }, () => TEMP_PASSWORD_ALPHABET[randomInt(TEMP_PASSWORD_ALPHABET.length)]).join("");
}

/** What an audit entry may show of a staff account: never the password hash. */
function auditableStaff(row: { passwordHash?: string | null } & Record<string, unknown>) {
  const { passwordHash, ...rest } = row;
  return { ...rest, hasPassword: Boolean(passwordHash) };
}

async function loadTarget(tx: Transaction, staffId: string) {
  const target = await getStaffById(tx, { staffId });
  if (!target) throw new GuardError(404, MESSAGES.notFound);
  return target;
}

/** Acting on an account touches every department it belongs to; a system admin account only by a system admin. */
async function targetDepartments(tx: Transaction, staffId: string, actor: StaffActor): Promise<string[]> {
  const target = await loadTarget(tx, staffId);
  if (target.memberships.some((m) => m.role === "system_admin") && !isSystemAdmin(actor)) {
    throw new GuardError(403, "システム管理者のアカウントはシステム管理者だけが変更できます。");
  }
  return target.memberships.map((m) => m.departmentId);
}

async function refuseInactiveDepartment(tx: Transaction, departmentId: string): Promise<void> {
  const department = await getDepartmentById(tx, { departmentId });
  if (!department?.active) {
    throw new GuardError(409, "停止中の部署には職員を所属させられません。", { departmentId: ["停止中の部署です"] });
  }
}

function refuseSelf(actor: StaffActor, staffId: string, what: string): void {
  if (actor.id === staffId) throw new GuardError(403, `自分自身の${what}はできません。ほかの管理者に依頼してください。`);
}

export const listStaff = defineOperation({
  action: "staff.list",
  schema: staffListParamsSchema,
  departments: (data, _tx, actor) => {
    const visible = departmentsFor(actor, "staff.list");
    if (data.departmentId) return [data.departmentId];
    return visible === "all" ? actor.memberships.map((m) => m.departmentId) : visible;
  },
  async run({ data, tx, actor }) {
    const visible = departmentsFor(actor, "staff.list");
    const page = await getStaffPage(tx, { params: data, visibleDepartmentIds: visible });
    return {
      // The parsed params go back too: the page shows what was applied, not what was typed into the URL.
      result: { ...page, params: data },
      audit: { entity: "staff", departmentId: data.departmentId ?? null, after: { filters: data, shown: page.rows.length } },
    };
  },
});

export const viewStaff = defineOperation({
  action: "staff.view",
  schema: viewStaffSchema,
  // Visible when the actor manages any of the target's departments, the same rule as the list.
  departments: async (data, tx, actor) => {
    const targetIds = (await loadTarget(tx, data.staffId)).memberships.map((m) => m.departmentId);
    const manageable = targetIds.filter((id) => canInDepartment(actor, "staff.view", id));
    return manageable.length > 0 ? manageable : targetIds;
  },
  async run({ data, tx }) {
    const target = await loadTarget(tx, data.staffId);
    const { passwordHash, ...visible } = target;
    return {
      result: { ...visible, hasPassword: Boolean(passwordHash) },
      audit: { entity: "staff", entityId: target.id },
    };
  },
});

export const createStaffAccount = defineOperation({
  action: "staff.create",
  schema: createStaffSchema,
  departments: async (data, tx) => {
    if (!(await getDepartmentById(tx, { departmentId: data.departmentId }))) throw new GuardError(404, MESSAGES.notFound);
    return [data.departmentId];
  },
  async run({ data, tx, actor }) {
    if (data.role === "system_admin" && !isSystemAdmin(actor)) {
      throw new GuardError(403, "システム管理者の権限はシステム管理者だけが付与できます。", {
        role: ["この権限は付与できません"],
      });
    }
    await refuseInactiveDepartment(tx, data.departmentId);
    const temporaryPassword = generateTemporaryPassword();
    const [created] = await tx
      .insert(staff)
      .values({
        loginId: data.loginId,
        displayName: data.displayName,
        passwordHash: await hashPassword(temporaryPassword),
        mustChangePassword: true,
      })
      .returning()
      .catch((error: unknown) => {
        if (isUniqueViolation(error, "staff_login_id_unique")) {
          throw new GuardError(409, "このログインIDはすでに使われています。", {
            loginId: ["このログインIDはすでに使われています"],
          });
        }
        throw error;
      });
    await tx.insert(staffMemberships).values({ staffId: created!.id, departmentId: data.departmentId, role: data.role });
    return {
      result: { staffId: created!.id, temporaryPassword },
      audit: {
        entity: "staff",
        entityId: created!.id,
        departmentId: data.departmentId,
        after: { ...auditableStaff(created!), memberships: [{ departmentId: data.departmentId, role: data.role }] },
      },
    };
  },
});

export const setStaffActive = defineOperation({
  action: "staff.set_active",
  schema: setStaffActiveSchema,
  departments: (data, tx, actor) => targetDepartments(tx, data.staffId, actor),
  async run({ data, tx, actor }) {
    refuseSelf(actor, data.staffId, "アカウントの停止");
    const before = await loadTarget(tx, data.staffId);
    const [after] = await tx
      .update(staff)
      .set({ active: data.active, updatedAt: sql`now()` })
      .where(eq(staff.id, data.staffId))
      .returning();
    return {
      result: { staffId: data.staffId, active: data.active },
      audit: { entity: "staff", entityId: data.staffId, before: auditableStaff(before), after: auditableStaff(after!) },
    };
  },
});

export const resetStaffPassword = defineOperation({
  action: "staff.reset_password",
  schema: resetStaffPasswordSchema,
  departments: (data, tx, actor) => targetDepartments(tx, data.staffId, actor),
  async run({ data, tx, actor }) {
    refuseSelf(actor, data.staffId, "パスワード再設定（自分のパスワードは「パスワード変更」から変えてください）");
    const temporaryPassword = generateTemporaryPassword();
    await tx
      .update(staff)
      .set({
        passwordHash: await hashPassword(temporaryPassword),
        mustChangePassword: true,
        failedLoginCount: 0,
        lockedUntil: null,
        updatedAt: sql`now()`,
      })
      .where(eq(staff.id, data.staffId));
    return {
      result: { staffId: data.staffId, temporaryPassword },
      audit: { entity: "staff", entityId: data.staffId, after: { passwordReset: true, unlocked: true } },
    };
  },
});

/** Clears a lockout without changing the password: the owner may simply have mistyped, or someone else guessed. */
export const unlockStaff = defineOperation({
  action: "staff.unlock",
  schema: unlockStaffSchema,
  departments: (data, tx, actor) => targetDepartments(tx, data.staffId, actor),
  async run({ data, tx }) {
    const before = await loadTarget(tx, data.staffId);
    await tx
      .update(staff)
      .set({ failedLoginCount: 0, lockedUntil: null, updatedAt: sql`now()` })
      .where(eq(staff.id, data.staffId));
    return {
      result: { staffId: data.staffId },
      audit: {
        entity: "staff",
        entityId: data.staffId,
        before: { failedLoginCount: before.failedLoginCount, lockedUntil: before.lockedUntil },
        after: { failedLoginCount: 0, lockedUntil: null },
      },
    };
  },
});

export const assignStaffRole = defineOperation({
  action: "staff.assign_role",
  schema: assignRoleSchema,
  departments: async (data, tx, actor) => {
    const current = await targetDepartments(tx, data.staffId, actor);
    if (!(await getDepartmentById(tx, { departmentId: data.departmentId }))) throw new GuardError(404, MESSAGES.notFound);
    // A dept_admin may only change people already in a department they manage, not pull in anyone by id.
    const managesTarget = current.some((id) => canInDepartment(actor, "staff.assign_role", id));
    return managesTarget ? [data.departmentId] : [data.departmentId, ...current];
  },
  async run({ data, tx, actor }) {
    refuseSelf(actor, data.staffId, "権限の変更");
    if (data.role === "system_admin" && !isSystemAdmin(actor)) {
      throw new GuardError(403, "システム管理者の権限はシステム管理者だけが付与できます。", { role: ["この権限は付与できません"] });
    }
    const before = await loadTarget(tx, data.staffId);
    const key = and(eq(staffMemberships.staffId, data.staffId), eq(staffMemberships.departmentId, data.departmentId));
    if (data.role === null) {
      if (!before.memberships.some((m) => m.departmentId === data.departmentId)) {
        throw new GuardError(404, "この職員はその部署に所属していません。");
      }
      if (before.memberships.length === 1) {
        throw new GuardError(409, "最後の所属は外せません。アカウントを停止してください。");
      }
      await tx.delete(staffMemberships).where(key);
    } else {
      await refuseInactiveDepartment(tx, data.departmentId);
      await tx
        .insert(staffMemberships)
        .values({ staffId: data.staffId, departmentId: data.departmentId, role: data.role })
        .onConflictDoUpdate({ target: [staffMemberships.staffId, staffMemberships.departmentId], set: { role: data.role } });
    }
    const after = await loadTarget(tx, data.staffId);
    return {
      result: { staffId: data.staffId, memberships: after.memberships },
      audit: {
        entity: "staff",
        entityId: data.staffId,
        departmentId: data.departmentId,
        before: { memberships: before.memberships },
        after: { memberships: after.memberships },
      },
    };
  },
});

export const changeOwnPassword = defineOperation({
  action: "account.change_password",
  schema: changeOwnPasswordSchema,
  async run({ data, tx, actor }) {
    const account = await loadTarget(tx, actor.id);
    if (!account.passwordHash || !(await verifyPassword(account.passwordHash, data.currentPassword))) {
      throw new GuardError(400, "現在のパスワードが違います。", { currentPassword: ["現在のパスワードが違います"] });
    }
    await tx
      .update(staff)
      .set({
        passwordHash: await hashPassword(data.newPassword),
        mustChangePassword: false,
        passwordChangedAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(eq(staff.id, actor.id));
    return { result: { changed: true }, audit: { entity: "staff", entityId: actor.id, after: { passwordChanged: true } } };
  },
});
