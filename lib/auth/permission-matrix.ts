import { ROLES, type Role } from "@/db/schema/staff";
import { ACTIONS, PERMISSIONS, ROLE_LABELS, type Action } from "./permissions";

/** What a role may do with one action: nothing, in its own department, in every department, globally or on itself. */
export type Grant = "none" | "own_department" | "all_departments" | "global" | "self";

export const GRANT_LABELS: Record<Grant, string> = {
  none: "—",
  own_department: "所属部署で可",
  all_departments: "全部署で可",
  global: "可",
  self: "自分のみ可",
};

/** The grant read off the permission table, with the table's rule that system_admin acts in every department. */
export function grantOf(action: Action, role: Role): Grant {
  const rule = PERMISSIONS[action];
  if (!(rule.roles as readonly Role[]).includes(role)) return "none";
  if (rule.scope === "self") return "self";
  if (rule.scope === "global") return "global";
  return role === "system_admin" ? "all_departments" : "own_department";
}

export type MatrixRow = { action: Action; label: string; grants: Record<Role, Grant> };

/** The whole table as rows of actions × columns of roles, in the table's own order, grouped by area. */
export function permissionMatrix(): { roles: { role: Role; label: string }[]; areas: { area: string; rows: MatrixRow[] }[] } {
  const areas = new Map<string, MatrixRow[]>();
  for (const action of ACTIONS) {
    const area = action.split(".")[0]!;
    const grants = Object.fromEntries(ROLES.map((role) => [role, grantOf(action, role)])) as Record<Role, Grant>;
    areas.set(area, [...(areas.get(area) ?? []), { action, label: PERMISSIONS[action].label, grants }]);
  }
  return { roles: ROLES.map((role) => ({ role, label: ROLE_LABELS[role] })), areas: [...areas].map(([area, rows]) => ({ area, rows })) };
}
