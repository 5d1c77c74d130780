import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { formatDateTime } from "@/components/admin/format";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { ROLES } from "@/db/schema/staff";
import { canInDepartment, departmentsFor, isSystemAdmin, ROLE_LABELS } from "@/lib/auth/permissions";
import { requireStaffPage, runAsCurrentStaff } from "@/lib/auth/session";
import { getDepartments } from "@/lib/departments/queries";
import { viewStaff } from "@/lib/staff/operations";
import { StaffStatusBadges } from "../staff-table";
import { AccountActions } from "./account-actions";
import { MembershipEditor } from "./membership-editor";

export const metadata: Metadata = { title: "職員の詳細" };

export default async function StaffDetailPage({ params }: { params: Promise<{ staffId: string }> }) {
  const actor = await requireStaffPage("staff.view");
  const { staffId } = await params;
  // Audited view of a staff member's personal data; the guard decides who may see it.
  const result = await runAsCurrentStaff(viewStaff, { staffId });
  if (!result.ok) {
    if (result.status === 403) forbidden();
    if (result.status === 404 || result.status === 400) notFound();
    throw new Error(result.error);
  }
  const target = result.data;
  const departments = await getDepartments(await getDb(), { includeInactive: true });
  const nameOf = (id: string) => departments.find((d) => d.id === id)?.name ?? "（不明な部署）";

  const self = target.id === actor.id;
  const targetIsSystemAdmin = target.memberships.some((m) => m.role === "system_admin");
  const protectedTarget = targetIsSystemAdmin && !isSystemAdmin(actor);
  // Mirrors the operations: account-wide changes need every one of the target's departments.
  const canManageAccount =
    !self && !protectedTarget && target.memberships.every((m) => canInDepartment(actor, "staff.set_active", m.departmentId));
  const assignable = departmentsFor(actor, "staff.assign_role");
  const lockedUntil = target.lockedUntil && target.lockedUntil > new Date() ? target.lockedUntil : null;

  let restriction: string | null = null;
  if (self) restriction = "自分自身のアカウントの停止・権限変更・パスワード再設定はできません。ほかの管理者に依頼してください。";
  else if (protectedTarget) restriction = "システム管理者のアカウントは、システム管理者だけが変更できます。";
  else if (!canManageAccount)
    restriction = "この職員はあなたが管理していない部署にも所属しているため、停止・ロック解除・パスワード再設定はシステム管理者に依頼してください。";

  return (
    <>
      <PageHeader title={target.displayName} description={target.loginId} actions={<Link href="/admin/staff">職員アカウント一覧へ戻る</Link>} />
      <div className="flex max-w-4xl flex-col gap-8">
        <section aria-labelledby="account-heading" className="rounded-12 border border-solid-gray-200 bg-white p-6">
          <h2 id="account-heading" className="text-std-20B-150">
            アカウント
          </h2>
          <dl className="mt-4 grid grid-cols-[12rem_1fr] gap-x-6 gap-y-3 text-std-16N-170">
            <dt className="text-std-16B-170">状態</dt>
            <dd>
              <StaffStatusBadges active={target.active} lockedUntil={lockedUntil} />
              {lockedUntil ? <p className="mt-1">{formatDateTime(lockedUntil)} までログインできません。</p> : null}
            </dd>
            <dt className="text-std-16B-170">ログイン失敗回数</dt>
            <dd>{target.failedLoginCount} 回</dd>
            <dt className="text-std-16B-170">パスワード</dt>
            <dd>
              {!target.hasPassword
                ? "なし（シングルサインオンのみ）"
                : target.mustChangePassword
                  ? "仮パスワード（次回ログイン時に変更）"
                  : `設定済み（最終変更 ${formatDateTime(target.passwordChangedAt, "記録なし")}）`}
            </dd>
            <dt className="text-std-16B-170">最終ログイン</dt>
            <dd>{formatDateTime(target.lastLoginAt, "未ログイン")}</dd>
            <dt className="text-std-16B-170">作成日時</dt>
            <dd>{formatDateTime(target.createdAt)}</dd>
          </dl>
          <div className="mt-6">
            <AccountActions
              staffId={target.id}
              displayName={target.displayName}
              active={target.active}
              locked={Boolean(lockedUntil)}
              enabled={canManageAccount}
              restriction={restriction}
            />
          </div>
        </section>

        <section aria-labelledby="memberships-heading" className="rounded-12 border border-solid-gray-200 bg-white p-6">
          <h2 id="memberships-heading" className="text-std-20B-150">
            所属と権限
          </h2>
          <MembershipEditor
            staffId={target.id}
            memberships={target.memberships.map((m) => ({
              departmentId: m.departmentId,
              departmentName: nameOf(m.departmentId),
              role: m.role,
              editable: !self && !protectedTarget && canInDepartment(actor, "staff.assign_role", m.departmentId) && (m.role !== "system_admin" || isSystemAdmin(actor)),
            }))}
            addableDepartments={
              self || protectedTarget
                ? []
                : departments
                    .filter((d) => d.active && (assignable === "all" || assignable.includes(d.id)))
                    .filter((d) => !target.memberships.some((m) => m.departmentId === d.id))
                    .map((d) => ({ value: d.id, label: d.name }))
            }
            roleOptions={ROLES.filter((role) => role !== "system_admin" || isSystemAdmin(actor)).map((role) => ({
              value: role,
              label: ROLE_LABELS[role],
            }))}
          />
        </section>
      </div>
    </>
  );
}
