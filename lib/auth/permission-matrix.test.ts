import { describe, expect, it } from "vitest";
import { ROLES } from "@/db/schema/staff";
import { grantOf, permissionMatrix } from "./permission-matrix";
import { ACTIONS, canInDepartment, type StaffActor } from "./permissions";

const OWN = "00000000-0000-4000-8000-000000000001";
const OTHER = "00000000-0000-4000-8000-000000000002";

describe("permission matrix page data", () => {
  it("has one row per action of the permission table and one column per role", () => {
    const matrix = permissionMatrix();
    expect(matrix.areas.flatMap((a) => a.rows.map((r) => r.action)).sort()).toEqual([...ACTIONS].sort());
    expect(matrix.roles.map((r) => r.role)).toEqual([...ROLES]);
  });

  it("says exactly what the guard decides, for every action and role", () => {
    for (const action of ACTIONS) {
      for (const role of ROLES) {
        const actor: StaffActor = { type: "staff", id: "s", loginId: "s", displayName: "s", mustChangePassword: false, memberships: [{ departmentId: OWN, role }] };
        const grant = grantOf(action, role);
        expect(canInDepartment(actor, action, OWN), `${action} × ${role}`).toBe(grant !== "none");
        expect(canInDepartment(actor, action, OTHER), `${action} × ${role} (other)`).toBe(grant === "all_departments" || grant === "global" || grant === "self");
      }
    }
  });

  it("reads the roles of real rows", () => {
    expect(grantOf("filing.decide", "reviewer")).toBe("own_department");
    expect(grantOf("filing.decide", "counter")).toBe("none");
    expect(grantOf("filing.decide", "system_admin")).toBe("all_departments");
    expect(grantOf("audit.search", "system_admin")).toBe("global");
    expect(grantOf("account.change_password", "viewer")).toBe("self");
  });
});
