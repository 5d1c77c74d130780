import { ROLES, type Role } from "@/db/schema/staff";

/**
 * Where a permission applies:
 * - global: not tied to a department (only roles listed here, held in any department, qualify);
 * - department: the actor must hold a listed role in the department the data belongs to
 *   (system_admin, when listed, holds it in every department);
 * - self: any signed-in, active staff member acting on their own account.
 */
export type PermissionScope = "global" | "department" | "self";

type PermissionRule = { scope: PermissionScope; roles: readonly Role[]; label: string };

const ADMINS = ["system_admin", "dept_admin"] as const satisfies readonly Role[];

/** The one permission table: every guarded action and the navigation read it. */
export const PERMISSIONS = {
  "department.list": { scope: "global", roles: ROLES, label: "部署一覧の閲覧" },
  "department.create": { scope: "global", roles: ["system_admin"], label: "部署の作成" },
  "department.update": { scope: "global", roles: ["system_admin"], label: "部署名・コード・拠点の変更" },
  "department.settings.update": { scope: "department", roles: ADMINS, label: "部署の窓口設定の変更" },
  "staff.list": { scope: "department", roles: ADMINS, label: "職員一覧の閲覧" },
  "staff.view": { scope: "department", roles: ADMINS, label: "職員情報の閲覧" },
  "staff.create": { scope: "department", roles: ADMINS, label: "職員アカウントの作成" },
  "staff.set_active": { scope: "department", roles: ADMINS, label: "職員アカウントの停止・再開" },
  "staff.reset_password": { scope: "department", roles: ADMINS, label: "職員パスワードの再設定" },
  "staff.assign_role": { scope: "department", roles: ADMINS, label: "職員の所属・権限の変更" },
  "staff.unlock": { scope: "department", roles: ADMINS, label: "職員アカウントのロック解除" },
  "program.manage": { scope: "department", roles: ADMINS, label: "給付事業の設定と名簿の取込" },
  "program.report": { scope: "department", roles: [...ADMINS, "reviewer", "viewer"], label: "給付事業の集計の閲覧" },
  // The counter desk's search: exactly the roles of the counter page (filing.file_counter), so page and action agree.
  "household.search": { scope: "department", roles: [...ADMINS, "counter"], label: "世帯の検索（窓口）" },
  "filing.file_counter": { scope: "department", roles: [...ADMINS, "counter"], label: "窓口申請の入力" },
  "filing.list": { scope: "department", roles: [...ADMINS, "reviewer", "viewer"], label: "申請一覧の閲覧" },
  "filing.view": { scope: "department", roles: [...ADMINS, "reviewer", "viewer", "counter"], label: "申請内容の閲覧" },
  "filing.decide": { scope: "department", roles: [...ADMINS, "reviewer"], label: "申請の承認・却下・差し戻し" },
  "filing.resolve_duplicate": { scope: "department", roles: [...ADMINS, "reviewer"], label: "重複申請の整理" },
  "grant.batch": { scope: "department", roles: ADMINS, label: "給付バッチの作成・出力・結果取込" },
  // Forms (電子申請, lib/forms): the owning department's admins edit and publish; its staff read the definitions.
  "form.manage": { scope: "department", roles: ADMINS, label: "電子申請の様式の作成・編集・公開" },
  "form.view": { scope: "department", roles: [...ADMINS, "reviewer", "viewer", "counter"], label: "電子申請の様式の閲覧" },
  "form.review": { scope: "department", roles: [...ADMINS, "reviewer"], label: "電子申請の審査（承認・却下・差し戻し・手数料の確定・交付／発送）" },
  "audit.search": { scope: "global", roles: ["system_admin"], label: "監査ログの検索" },
  "audit.export": { scope: "global", roles: ["system_admin"], label: "監査ログのCSV出力" },
  // segments (受信設定・配信): topics, broadcasts, 防災モード, follower statistics
  "topic.manage": { scope: "department", roles: ADMINS, label: "配信トピックの作成・変更" },
  "broadcast.view": { scope: "department", roles: [...ADMINS, "reviewer", "viewer"], label: "配信の閲覧" },
  "broadcast.compose": { scope: "department", roles: [...ADMINS, "reviewer"], label: "配信の作成・承認依頼" },
  "broadcast.send": { scope: "department", roles: ADMINS, label: "配信の承認・送信・予約" },
  "emergency.manage": { scope: "global", roles: ["system_admin"], label: "防災モードの切替と全員への配信" },
  "segment.stats": { scope: "global", roles: ADMINS, label: "友だち・受信設定の統計" },
  "account.change_password": { scope: "self", roles: ROLES, label: "自分のパスワード変更" },
  // Issue 12, permissions page: what each role may do, read from this table.
  "permission.view": { scope: "global", roles: ADMINS, label: "役割ごとの権限一覧の閲覧" },
  // Reservations (健診予約・施設予約)
  "reservation.view": { scope: "department", roles: [...ADMINS, "reviewer", "counter", "viewer"], label: "予約の閲覧" },
  "reservation.manage": { scope: "department", roles: ADMINS, label: "予約カレンダー・休業日の設定" },
  "reservation.staff_book": { scope: "department", roles: [...ADMINS, "reviewer", "counter"], label: "電話・窓口の予約受付" },
  "reservation.attend": { scope: "department", roles: [...ADMINS, "reviewer", "counter"], label: "予約の受付・無断キャンセルの記録" },
  "reservation.staff_cancel": { scope: "department", roles: [...ADMINS, "reviewer", "counter"], label: "予約の取り消し（住民への連絡つき）" },
  "reservation.export": { scope: "department", roles: [...ADMINS, "reviewer", "viewer"], label: "予約一覧・集計のCSV出力" },
  // Counter entry of a paper application form, fee received in cash (lib/forms/counter.ts).
  "form.counter": { scope: "department", roles: [...ADMINS, "counter"], label: "電子申請の窓口での入力（現金での手数料の受領）" },
  // Daily payment reconciliation (lib/forms/reconciliation.ts): the department's admins.
  "payment.view": { scope: "department", roles: ADMINS, label: "決済の日次照合の閲覧・CSV出力" },
  "payment.recheck": { scope: "department", roles: ADMINS, label: "保留中の決済の再確認" },
} as const satisfies Record<string, PermissionRule>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

export const ROLE_LABELS: Record<Role, string> = {
  system_admin: "システム管理者",
  dept_admin: "部署管理者",
  reviewer: "審査担当",
  counter: "窓口担当",
  viewer: "閲覧のみ",
};

export type Membership = { departmentId: string; role: Role };

export type StaffActor = {
  type: "staff";
  id: string;
  loginId: string;
  displayName: string;
  mustChangePassword: boolean;
  memberships: Membership[];
};

export function isSystemAdmin(actor: StaffActor): boolean {
  return actor.memberships.some((m) => m.role === "system_admin");
}

function rolesOf(action: Action): readonly Role[] {
  return PERMISSIONS[action].roles;
}

/** May the actor perform this action in at least one place? Used for navigation and the guard's role step. */
export function canUseSomewhere(actor: StaffActor, action: Action): boolean {
  const rule = PERMISSIONS[action];
  if (rule.scope === "self") return actor.memberships.length > 0;
  return actor.memberships.some((m) => rolesOf(action).includes(m.role));
}

/** May the actor perform this action on data owned by this department? */
export function canInDepartment(actor: StaffActor, action: Action, departmentId: string): boolean {
  const rule = PERMISSIONS[action];
  if (rule.scope !== "department") return canUseSomewhere(actor, action);
  if (isSystemAdmin(actor) && rolesOf(action).includes("system_admin")) return true;
  return actor.memberships.some((m) => m.departmentId === departmentId && rolesOf(action).includes(m.role));
}

/** Departments where the actor may perform a department-scoped action; "all" for system admins. */
export function departmentsFor(actor: StaffActor, action: Action): "all" | string[] {
  if (isSystemAdmin(actor) && rolesOf(action).includes("system_admin")) return "all";
  return actor.memberships.filter((m) => rolesOf(action).includes(m.role)).map((m) => m.departmentId);
}
