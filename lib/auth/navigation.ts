import { canUseSomewhere, type Action, type StaffActor } from "./permissions";

export type NavItem = { href: string; label: string; action: Action | null };

/** The admin navigation; an item shows only when the permission table lets the role use it somewhere. */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/admin", label: "ホーム", action: null },
  { href: "/admin/counter", label: "窓口受付", action: "filing.file_counter" },
  { href: "/admin/programs", label: "給付事業", action: "program.report" },
  { href: "/admin/reservations", label: "予約", action: "reservation.view" },
  { href: "/admin/staff", label: "職員アカウント", action: "staff.list" },
  { href: "/admin/departments", label: "部署", action: "department.list" },
  { href: "/admin/broadcasts", label: "配信", action: "broadcast.view" },
  { href: "/admin/topics", label: "配信トピック", action: "topic.manage" },
  { href: "/admin/topics/stats", label: "友だち統計", action: "segment.stats" },
  { href: "/admin/audit", label: "監査ログ", action: "audit.search" },
  { href: "/admin/permissions", label: "役割と権限", action: "permission.view" },
  { href: "/admin/account/password", label: "パスワード変更", action: "account.change_password" },
  { href: "/admin/inbox", label: "受信箱", action: "form.view" },
  { href: "/admin/submissions", label: "電子申請の審査", action: "form.view" },
  { href: "/admin/counter/forms", label: "電子申請の窓口入力", action: "form.counter" },
  { href: "/admin/forms", label: "電子申請の様式", action: "form.view" },
  { href: "/admin/payments", label: "決済の照合", action: "payment.view" },
];

export function navigationFor(actor: StaffActor): NavItem[] {
  return NAV_ITEMS.filter((item) => item.action === null || canUseSomewhere(actor, item.action));
}
