import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { departments } from "./departments";

export const ROLES = ["system_admin", "dept_admin", "reviewer", "counter", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const staff = pgTable("staff", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  /** Lower-cased e-mail address; also the key SSO sign-ins are matched on. */
  loginId: text("login_id").notNull().unique(),
  displayName: text("display_name").notNull(),
  /** argon2id PHC string; null for SSO-only accounts. */
  passwordHash: text("password_hash"),
  mustChangePassword: boolean("must_change_password").notNull().default(false),
  active: boolean("active").notNull().default(true),
  failedLoginCount: integer("failed_login_count").notNull().default(0),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
  lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
  passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const staffMemberships = pgTable(
  "staff_memberships",
  {
    staffId: uuid("staff_id")
      .notNull()
      .references(() => staff.id, { onDelete: "cascade" }),
    departmentId: uuid("department_id")
      .notNull()
      .references(() => departments.id),
    role: text("role", { enum: ROLES }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.staffId, table.departmentId] }),
    index("staff_memberships_department_idx").on(table.departmentId),
  ],
);

export type Staff = typeof staff.$inferSelect;
export type StaffMembership = typeof staffMemberships.$inferSelect;
