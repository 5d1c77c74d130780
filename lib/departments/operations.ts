import "server-only";
import { eq, sql } from "drizzle-orm";
import { departments } from "@/db/schema/departments";
import { defineOperation } from "@/lib/auth/operation";
import { GuardError, MESSAGES } from "@/lib/auth/guard";
import { isUniqueViolation } from "@/lib/db-errors";
import { createDepartmentSchema, departmentSettingsSchema, updateDepartmentSchema } from "./validations";
import { getDepartmentById } from "./queries";

function duplicateDepartmentError(error: unknown): never {
  if (isUniqueViolation(error, "departments_name_unique")) {
    throw new GuardError(409, "同じ名前の部署がすでにあります。", { name: ["同じ名前の部署がすでにあります"] });
  }
  if (isUniqueViolation(error, "departments_code_unique")) {
    throw new GuardError(409, "同じコードの部署がすでにあります。", { code: ["同じコードの部署がすでにあります"] });
  }
  throw error;
}

export const createDepartment = defineOperation({
  action: "department.create",
  schema: createDepartmentSchema,
  async run({ data, tx }) {
    const [row] = await tx
      .insert(departments)
      .values(data)
      .returning()
      .catch(duplicateDepartmentError);
    return { result: row!, audit: { entity: "department", entityId: row!.id, departmentId: row!.id, after: row } };
  },
});

export const updateDepartment = defineOperation({
  action: "department.update",
  schema: updateDepartmentSchema,
  async run({ data, tx }) {
    const before = await getDepartmentById(tx, { departmentId: data.departmentId });
    if (!before) throw new GuardError(404, MESSAGES.notFound);
    const { departmentId, ...changes } = data;
    const [after] = await tx
      .update(departments)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(eq(departments.id, departmentId))
      .returning()
      .catch(duplicateDepartmentError);
    return { result: after!, audit: { entity: "department", entityId: departmentId, departmentId, before, after } };
  },
});

export const updateDepartmentSettings = defineOperation({
  action: "department.settings.update",
  schema: departmentSettingsSchema,
  departments: async (data, tx) => {
    if (!(await getDepartmentById(tx, { departmentId: data.departmentId }))) throw new GuardError(404, MESSAGES.notFound);
    return [data.departmentId];
  },
  async run({ data, tx }) {
    const before = await getDepartmentById(tx, { departmentId: data.departmentId });
    const [after] = await tx
      .update(departments)
      .set({
        phone: data.phone || null,
        counterHours: data.counterHours || null,
        ...(data.counterHoursEasy !== undefined || data.counterHoursEn !== undefined
          ? { counterHoursTranslations: { ...(data.counterHoursEasy ? { "ja-easy": data.counterHoursEasy } : {}), ...(data.counterHoursEn ? { en: data.counterHoursEn } : {}) } }
          : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(departments.id, data.departmentId))
      .returning();
    return {
      result: after!,
      audit: { entity: "department", entityId: data.departmentId, departmentId: data.departmentId, before, after },
    };
  },
});
