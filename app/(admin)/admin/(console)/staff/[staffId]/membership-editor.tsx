"use client";

import { useId, useState } from "react";
import { FormErrorSummary } from "@/components/admin/form-error-summary";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { SelectField } from "@/components/ui/field";
import type { Role } from "@/db/schema/staff";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { assignRoleSchema } from "@/lib/staff/validations";
import { assignStaffRoleAction } from "../actions";

type Option = { value: string; label: string };
type MembershipView = { departmentId: string; departmentName: string; role: Role; editable: boolean };

export function MembershipEditor({
  staffId,
  memberships,
  addableDepartments,
  roleOptions,
}: {
  staffId: string;
  memberships: MembershipView[];
  addableDepartments: Option[];
  roleOptions: Option[];
}) {
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const report = (ok: string | null, failure: string | null) => {
    setNotice(ok);
    setError(failure);
  };
  return (
    <div className="mt-4 flex flex-col gap-6">
      {error ? <Alert tone="error" title={error} /> : null}
      {notice ? <Alert tone="success" title={notice} /> : null}
      <table className="w-full border-collapse text-left text-std-16N-170">
        <caption className="sr-only">所属部署と権限</caption>
        <thead className="bg-solid-gray-50">
          <tr>
            <th scope="col" className="border-b border-solid-gray-200 px-4 py-3 text-std-16B-170">
              部署
            </th>
            <th scope="col" className="border-b border-solid-gray-200 px-4 py-3 text-std-16B-170">
              権限
            </th>
            <th scope="col" className="border-b border-solid-gray-200 px-4 py-3 text-std-16B-170">
              操作
            </th>
          </tr>
        </thead>
        <tbody>
          {memberships.map((m) => (
            <MembershipRow key={m.departmentId} staffId={staffId} membership={m} roleOptions={roleOptions} lastOne={memberships.length === 1} report={report} />
          ))}
        </tbody>
      </table>
      {addableDepartments.length > 0 ? (
        <AddMembershipForm staffId={staffId} departments={addableDepartments} roleOptions={roleOptions} report={report} />
      ) : null}
    </div>
  );
}

function MembershipRow({
  staffId,
  membership,
  roleOptions,
  lastOne,
  report,
}: {
  staffId: string;
  membership: MembershipView;
  roleOptions: Option[];
  lastOne: boolean;
  report: (ok: string | null, failure: string | null) => void;
}) {
  const selectId = useId();
  const [role, setRole] = useState<string>(membership.role);
  const [busy, setBusy] = useState(false);
  const change = async () => {
    setBusy(true);
    const result = await assignStaffRoleAction({ staffId, departmentId: membership.departmentId, role });
    setBusy(false);
    if (result.ok) report(`${membership.departmentName}での権限を「${ROLE_LABELS[role as Role]}」に変更しました。`, null);
    else report(null, result.error);
  };
  const remove = async () => {
    const result = await assignStaffRoleAction({ staffId, departmentId: membership.departmentId, role: null });
    if (!result.ok) return result.error;
    report(`${membership.departmentName}の所属を外しました。`, null);
    return null;
  };
  return (
    <tr className="border-b border-solid-gray-100 last:border-b-0">
      <th scope="row" className="whitespace-nowrap px-4 py-3 text-left text-std-16B-170">
        {membership.departmentName}
      </th>
      <td className="px-4 py-3">
        {membership.editable ? (
          <>
            <label htmlFor={selectId} className="sr-only">
              {membership.departmentName}での権限
            </label>
            <select
              id={selectId}
              value={role}
              onChange={(event) => setRole(event.target.value)}
              className="rounded-8 border border-solid-gray-600 bg-white px-3 py-2 text-std-16N-170"
            >
              {roleOptions.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </>
        ) : (
          ROLE_LABELS[membership.role]
        )}
      </td>
      <td className="px-4 py-3">
        {membership.editable ? (
          <div className="flex flex-wrap gap-2">
            <Button size="sm" onClick={change} disabled={busy || role === membership.role}>
              {busy ? "変更しています…" : "権限を変更"}
            </Button>
            <ConfirmDialog
              triggerLabel="所属から外す"
              triggerSize="sm"
              triggerVariant="secondary"
              triggerDisabled={lastOne}
              title={`${membership.departmentName}の所属から外しますか`}
              confirmLabel="外す"
              confirmVariant="danger"
              onConfirm={remove}
            >
              この部署のデータは見られなくなります。
            </ConfirmDialog>
            {lastOne ? <p className="w-full text-std-16N-170 text-solid-gray-700">最後の所属は外せません。不要になったアカウントは停止してください。</p> : null}
          </div>
        ) : (
          <span className="text-solid-gray-700">変更できません</span>
        )}
      </td>
    </tr>
  );
}

function AddMembershipForm({
  staffId,
  departments,
  roleOptions,
  report,
}: {
  staffId: string;
  departments: Option[];
  roleOptions: Option[];
  report: (ok: string | null, failure: string | null) => void;
}) {
  const { form, submit, formError } = useActionForm({
    schema: assignRoleSchema,
    action: assignStaffRoleAction,
    // Empty selects show their placeholder; the schema rejects them on submit.
    defaultValues: { staffId, departmentId: "", role: "" } as never,
    onSuccess: () => {
      const name = departments.find((d) => d.value === form.getValues("departmentId"))?.label;
      report(`${name ?? "部署"}に所属を追加しました。`, null);
      form.reset({ staffId, departmentId: "", role: "" } as never);
    },
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form onSubmit={submit} noValidate aria-labelledby="add-membership-heading" className="flex flex-col gap-4 border-t border-solid-gray-200 pt-6">
      <h3 id="add-membership-heading" className="text-std-18B-160">
        所属を追加
      </h3>
      <FormErrorSummary formError={formError} errors={errors} />
      <div className="flex flex-wrap items-end gap-4">
        <div className="w-72">
          <SelectField label="部署" required placeholder="選んでください" options={departments} error={errors.departmentId?.message} {...form.register("departmentId")} />
        </div>
        <div className="w-56">
          <SelectField label="権限" required placeholder="選んでください" options={roleOptions} error={errors.role?.message} {...form.register("role")} />
        </div>
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "追加しています…" : "追加"}
        </Button>
      </div>
    </form>
  );
}
