import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { AREA_LABELS } from "@/lib/audit-viewer/labels";
import { GRANT_LABELS, permissionMatrix } from "@/lib/auth/permission-matrix";
import { requireStaffPage } from "@/lib/auth/session";

export const metadata: Metadata = { title: "役割と権限" };

/** Generated from the permission table (lib/auth/permissions.ts), the same table the guard and navigation read. */
export default async function PermissionsPage() {
  await requireStaffPage("permission.view");
  const { roles, areas } = permissionMatrix();
  return (
    <>
      <PageHeader
        title="役割と権限"
        description="部署での役割ごとに、できることの一覧です。職員は部署ごとに役割を持ち、その部署のデータだけを扱えます。システム管理者はすべての部署で操作できます。"
      />
      <div className="relative overflow-x-auto rounded-8 border border-solid-gray-200 bg-white">
        <table className="w-full border-collapse text-left text-std-16N-170">
          <caption className="sr-only">役割ごとの権限</caption>
          <thead>
            <tr className="border-b border-solid-gray-200">
              <th scope="col" className="px-4 py-3">操作</th>
              {roles.map((role) => (
                <th key={role.role} scope="col" className="whitespace-nowrap px-4 py-3">
                  {role.label}
                </th>
              ))}
            </tr>
          </thead>
          {areas.map((area) => (
            <tbody key={area.area}>
              <tr className="bg-solid-gray-50">
                <th scope="colgroup" colSpan={roles.length + 1} className="px-4 py-2 text-std-16B-170">
                  {AREA_LABELS[area.area] ?? area.area}
                </th>
              </tr>
              {area.rows.map((row) => (
                <tr key={row.action} className="border-b border-solid-gray-100" data-action={row.action}>
                  <th scope="row" className="px-4 py-2 font-normal">
                    {row.label}
                  </th>
                  {roles.map((role) => (
                    <td key={role.role} data-role={role.role} className={`whitespace-nowrap px-4 py-2 ${row.grants[role.role] === "none" ? "text-solid-gray-700" : "text-std-16B-170"}`}>
                      {GRANT_LABELS[row.grants[role.role]]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
    </>
  );
}
