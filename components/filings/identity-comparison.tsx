import { formatDateTime } from "@/components/admin/format";
import { Badge } from "@/components/ui/badge";
import type { IdentityRow } from "@/lib/filings/identity-compare";
import { wareki } from "./labels";

const shown = (row: IdentityRow, value: string) => (row.field === "birthDate" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? wareki(value) : value);

/** The JPKI-verified 基本4情報 beside the roster's; a differing row is marked in words, not only in colour. */
export function IdentityComparison({ rows, verifiedAt }: { rows: IdentityRow[]; verifiedAt: Date }) {
  const differences = rows.filter((row) => !row.same).length;
  return (
    <section aria-labelledby="filing-identity" className="rounded-8 border border-solid-gray-200 bg-white p-5">
      <h2 id="filing-identity" className="mb-1 flex flex-wrap items-center gap-2 text-std-20B-150">
        本人確認の内容と名簿
        {differences > 0 ? <Badge tone="warning">{differences}項目が違います</Badge> : <Badge tone="success">すべて一致</Badge>}
      </h2>
      <p className="mb-3 text-std-16N-170 text-solid-gray-800">マイナンバーカードで確認した基本4情報（{formatDateTime(verifiedAt)}）と、基準日の住民登録（名簿）の代表者です。</p>
      <div className="relative overflow-x-auto">
        <table className="w-full border-collapse text-left text-std-16N-170">
          <caption className="sr-only">本人確認の内容と名簿の比較</caption>
          <thead>
            <tr className="border-b border-solid-gray-200">
              <th scope="col" className="py-2 pr-4">項目</th>
              <th scope="col" className="py-2 pr-4">マイナンバーカード</th>
              <th scope="col" className="py-2 pr-4">名簿</th>
              <th scope="col" className="py-2">照合</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.field} data-differs={row.same ? undefined : "true"} className={`border-b border-solid-gray-100 ${row.same ? "" : "bg-yellow-50"}`}>
                <th scope="row" className="py-2 pr-4 text-std-16B-170">{row.label}</th>
                <td className={`py-2 pr-4 ${row.same ? "" : "font-bold"}`}>{shown(row, row.card)}</td>
                <td className={`py-2 pr-4 ${row.same ? "" : "font-bold"}`}>{shown(row, row.roster)}</td>
                <td className="py-2">{row.same ? "一致" : <strong className="text-error-2">違い{row.note ? `（${row.note}）` : ""}</strong>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
