import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "@/db/schema/staff";
import { ACTIONS, PERMISSIONS, canInDepartment, canUseSomewhere, departmentsFor, type Action, type StaffActor } from "./permissions";

const OWN = "00000000-0000-4000-8000-000000000001";
const OTHER = "00000000-0000-4000-8000-000000000002";
const ALL = [...ROLES];
const ADMINS: Role[] = ["system_admin", "dept_admin"];

/**
 * The expected matrix, written out by hand: for each action, which roles held in OWN may act on OWN's data,
 * and which may act on OTHER's. Adding an action to PERMISSIONS without a row here fails the first test.
 */
const EXPECTED: Record<Action, { own: Role[]; other: Role[] }> = {
  "department.list": { own: ALL, other: ALL },
  "department.create": { own: ["system_admin"], other: ["system_admin"] },
  "department.update": { own: ["system_admin"], other: ["system_admin"] },
  "department.settings.update": { own: ADMINS, other: ["system_admin"] },
  "staff.list": { own: ADMINS, other: ["system_admin"] },
  "staff.view": { own: ADMINS, other: ["system_admin"] },
  "staff.create": { own: ADMINS, other: ["system_admin"] },
  "staff.set_active": { own: ADMINS, other: ["system_admin"] },
  "staff.reset_password": { own: ADMINS, other: ["system_admin"] },
  "staff.assign_role": { own: ADMINS, other: ["system_admin"] },
  "staff.unlock": { own: ADMINS, other: ["system_admin"] },
  "program.manage": { own: ADMINS, other: ["system_admin"] },
  "program.report": { own: [...ADMINS, "reviewer", "viewer"], other: ["system_admin"] },
  "household.search": { own: [...ADMINS, "counter"], other: ["system_admin"] },
  "permission.view": { own: ADMINS, other: ADMINS },
  "filing.file_counter": { own: [...ADMINS, "counter"], other: ["system_admin"] },
  "filing.list": { own: [...ADMINS, "reviewer", "viewer"], other: ["system_admin"] },
  "filing.view": { own: [...ADMINS, "reviewer", "viewer", "counter"], other: ["system_admin"] },
  "filing.decide": { own: [...ADMINS, "reviewer"], other: ["system_admin"] },
  "filing.resolve_duplicate": { own: [...ADMINS, "reviewer"], other: ["system_admin"] },
  "grant.batch": { own: ADMINS, other: ["system_admin"] },
  "form.manage": { own: ADMINS, other: ["system_admin"] },
  "form.review": { own: [...ADMINS, "reviewer"], other: ["system_admin"] },
  "form.view": { own: ["system_admin", "dept_admin", "reviewer", "viewer", "counter"], other: ["system_admin"] },
  "audit.search": { own: ["system_admin"], other: ["system_admin"] },
  "audit.export": { own: ["system_admin"], other: ["system_admin"] },
  // segments
  "topic.manage": { own: ADMINS, other: ["system_admin"] },
  "broadcast.view": { own: [...ADMINS, "reviewer", "viewer"], other: ["system_admin"] },
  "broadcast.compose": { own: [...ADMINS, "reviewer"], other: ["system_admin"] },
  "broadcast.send": { own: ADMINS, other: ["system_admin"] },
  "emergency.manage": { own: ["system_admin"], other: ["system_admin"] },
  "segment.stats": { own: ADMINS, other: ADMINS },
  "account.change_password": { own: ALL, other: ALL },
  // Reservations
  "reservation.view": { own: [...ADMINS, "reviewer", "counter", "viewer"], other: ["system_admin"] },
  "reservation.manage": { own: ADMINS, other: ["system_admin"] },
  "reservation.staff_book": { own: [...ADMINS, "reviewer", "counter"], other: ["system_admin"] },
  "reservation.attend": { own: [...ADMINS, "reviewer", "counter"], other: ["system_admin"] },
  "reservation.staff_cancel": { own: [...ADMINS, "reviewer", "counter"], other: ["system_admin"] },
  "reservation.export": { own: [...ADMINS, "reviewer", "viewer"], other: ["system_admin"] },
  "form.counter": { own: [...ADMINS, "counter"], other: ["system_admin"] },
  "payment.view": { own: ADMINS, other: ["system_admin"] },
  "payment.recheck": { own: ADMINS, other: ["system_admin"] },
};

function actorWith(role: Role): StaffActor {
  return { type: "staff", id: "s", loginId: "s@example.jp", displayName: "s", mustChangePassword: false, memberships: [{ departmentId: OWN, role }] };
}

describe("permission matrix", () => {
  it("has an expected row for every action in the permission table, and no extra rows", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
  });

  for (const action of ACTIONS) {
    for (const role of ROLES) {
      const expected = EXPECTED[action];
      it(`${action} × ${role}: own department ${expected.own.includes(role) ? "allowed" : "denied"}, other ${expected.other.includes(role) ? "allowed" : "denied"}`, () => {
        const actor = actorWith(role);
        expect(canInDepartment(actor, action, OWN)).toBe(expected.own.includes(role));
        expect(canInDepartment(actor, action, OTHER)).toBe(expected.other.includes(role));
        expect(canUseSomewhere(actor, action)).toBe(expected.own.includes(role));
      });
    }
  }

  it("a staff member with different roles in two departments gets each department's role only", () => {
    const actor: StaffActor = {
      ...actorWith("reviewer"),
      memberships: [
        { departmentId: OWN, role: "dept_admin" },
        { departmentId: OTHER, role: "viewer" },
      ],
    };
    expect(canInDepartment(actor, "staff.create", OWN)).toBe(true);
    expect(canInDepartment(actor, "staff.create", OTHER)).toBe(false);
    expect(departmentsFor(actor, "staff.list")).toEqual([OWN]);
    expect(departmentsFor(actorWith("system_admin"), "staff.list")).toBe("all");
  });

  it("the counter page and its household search admit the same roles (a page and its action agree)", () => {
    expect([...PERMISSIONS["household.search"].roles].sort()).toEqual([...PERMISSIONS["filing.file_counter"].roles].sort());
  });

  it("an actor without memberships can do nothing, not even change a password", () => {
    const actor: StaffActor = { ...actorWith("viewer"), memberships: [] };
    for (const action of ACTIONS) expect(canUseSomewhere(actor, action)).toBe(false);
  });
});
