import "server-only";
import { z } from "zod";
import { defineOperation } from "@/lib/auth/operation";
import { canInDepartment } from "@/lib/auth/permissions";
import { listDepartments } from "@/lib/forms/review-views";
import { getInboxItems } from "./queries";

/**
 * The department inbox: one list of everything awaiting the staff member's departments. It shows names, so each
 * view is audited; benefit filings appear only where the actor may list them.
 */
export const viewInbox = defineOperation({
  action: "form.view",
  schema: z.object({ departmentId: z.uuid().optional().catch(undefined) }),
  departments: (data, tx, actor) => listDepartments(tx, actor, "form.view", data.departmentId),
  async run({ data, tx, actor }) {
    const departmentIds = await listDepartments(tx, actor, "form.view", data.departmentId);
    const filingDepartmentIds = departmentIds.filter((id) => canInDepartment(actor, "filing.list", id));
    const items = await getInboxItems(tx, { departmentIds, filingDepartmentIds });
    return { result: items, audit: { action: "inbox.view", entity: "inbox", entityId: null, after: { departmentId: data.departmentId ?? null, shown: items.length } } };
  },
});
