import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { buttonClasses } from "@/components/ui/button";
import { canUseSomewhere, departmentsFor } from "@/lib/auth/permissions";
import { requireStaffPage } from "@/lib/auth/session";
import { getActiveCalendars } from "@/lib/reservations/queries";

export const metadata: Metadata = { title: "予約" };

const KIND_LABELS = { checkup: "健診", facility: "施設" } as const;

export default async function ReservationCalendars() {
  const actor = await requireStaffPage("reservation.view");
  const calendars = await getActiveCalendars(await getDb(), { departmentIds: departmentsFor(actor, "reservation.view") });
  return (
    <>
      <PageHeader
        title="予約"
        description="担当課の健診・施設の予約カレンダーです。日ごとの予約の確認、受付、電話・窓口の予約、CSV 出力、週別の集計ができます。"
        actions={
          canUseSomewhere(actor, "reservation.manage") ? (
            <Link href="/admin/reservations/new" className={buttonClasses()}>
              カレンダーを作成
            </Link>
          ) : null
        }
      />
      {calendars.length === 0 ? (
        <p className="rounded-8 border border-solid-gray-200 bg-white p-6 text-std-16N-170">担当課の予約カレンダーはありません。</p>
      ) : (
        <div className="overflow-x-auto rounded-8 border border-solid-gray-200 bg-white">
          <table className="w-full border-collapse text-left text-std-16N-170">
            <caption className="sr-only">予約カレンダーの一覧</caption>
            <thead className="bg-solid-gray-50">
              <tr>
                {["カレンダー", "種類", "場所", "担当課", "本人確認"].map((h) => (
                  <th key={h} scope="col" className="border-b border-solid-gray-200 px-4 py-3 text-std-16B-170">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {calendars.map((c) => (
                <tr key={c.id} className="border-b border-solid-gray-100 last:border-b-0">
                  <td className="px-4 py-3">
                    <Link href={`/admin/reservations/${c.id}`} className="text-std-16B-170">
                      {c.name}
                    </Link>
                  </td>
                  <td className="px-4 py-3">{KIND_LABELS[c.kind]}</td>
                  <td className="px-4 py-3">{c.location}</td>
                  <td className="px-4 py-3">{c.departmentName}</td>
                  <td className="px-4 py-3">{c.requiresJpki ? "必要" : "不要"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
