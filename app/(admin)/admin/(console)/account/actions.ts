"use server";

import { revalidatePath } from "next/cache";
import { runAsCurrentStaff } from "@/lib/auth/session";
import { changeOwnPassword } from "@/lib/staff/operations";

export async function changeOwnPasswordAction(input: unknown) {
  const result = await runAsCurrentStaff(changeOwnPassword, input);
  // The console layout reads the must-change flag: refresh it everywhere.
  if (result.ok) revalidatePath("/admin", "layout");
  return result;
}
