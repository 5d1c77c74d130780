import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { residents } from "@/db/schema/residents";
import { runGuarded } from "@/lib/auth/guard";
import type { FormDefinitionInput } from "@/lib/forms/definition";
import { createFormOperation, publishFormOperation } from "@/lib/forms/operations";
import { createActor, uniqueSuffix } from "./factories";
import { createResident } from "./program-factories";

/** A published form of the department (created and published by its dept_admin through the guard). */
export async function createLiveForm(departmentId: string, definition: FormDefinitionInput) {
  const admin = await createActor([{ departmentId, role: "dept_admin" }]);
  const created = await runGuarded({ actor: admin, requestId: null }, createFormOperation, { departmentId, code: `f-${uniqueSuffix()}`, definition });
  if (!created.ok) throw new Error(created.error);
  const published = await runGuarded({ actor: admin, requestId: null }, publishFormOperation, { formId: created.data.id });
  if (!published.ok) throw new Error(published.error);
  return created.data;
}

/** A LINE resident who chose `locale`, with the resident guard context their requests carry. */
export async function createResidentIn(locale: "ja" | "ja-easy" | "en") {
  const resident = await createResident();
  const db = await getDb();
  await db.update(residents).set({ locale }).where(eq(residents.id, resident.id));
  return { resident, context: { resident: { id: resident.id, lineUserId: resident.lineUserId, displayName: null, locale }, requestId: null } };
}
