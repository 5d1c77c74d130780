import type { Metadata } from "next";
import { LineChart } from "@/components/admin/line-chart";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { requireStaffPage } from "@/lib/auth/session";
import { getFollowerSeries, getTopicSeries } from "@/lib/segments/stats";

export const metadata: Metadata = { title: "友だち統計" };
export const dynamic = "force-dynamic";

const COLORS = ["#0031d8", "#b7421a", "#00713f", "#5f2ea0", "#9c5a00", "#c0007a", "#1a1a1a", "#006b85"];
const RANGES = [30, 90, 365];

export default async function StatsPage({ searchParams }: { searchParams: Promise<{ days?: string }> }) {
  await requireStaffPage("segment.stats");
  const requested = (await searchParams).days;
  const days = RANGES.find((d) => String(d) === requested) ?? 30;
  const db = await getDb();
  const [followers, topics] = await Promise.all([getFollowerSeries(db, { days }), getTopicSeries(db, { days })]);
  const dayLabels = followers.map((p) => p.day);
  return (
    <>
      <PageHeader
        title="友だち統計"
        description="日ごとの友だち数、友だち追加とブロック、トピックごとの受信者数（日本時間）。"
        actions={<a href={`/api/admin/segments/stats?days=${days}`} className={buttonClasses({ variant: "secondary" })}>CSV をダウンロード</a>}
      />
      <nav aria-label="期間" className="mb-6 flex gap-2">
        {RANGES.map((d) => (
          <a key={d} href={`?days=${d}`} aria-current={d === days ? "page" : undefined} className={`rounded-8 border-2 px-3 py-1 no-underline ${d === days ? "border-blue-900 bg-blue-900 text-white" : "border-solid-gray-420"}`}>{d}日</a>
        ))}
      </nav>
      <div className="flex flex-col gap-10">
        <LineChart title="友だち数" days={dayLabels} series={[{ name: "友だち数", color: COLORS[0]!, values: followers.map((p) => p.followers) }]} />
        <LineChart title="友だち追加とブロック（日ごと）" days={dayLabels} series={[{ name: "友だち追加", color: COLORS[2]!, values: followers.map((p) => p.follows) }, { name: "ブロック", color: COLORS[1]!, values: followers.map((p) => p.unfollows) }]} />
        <LineChart title="トピックごとの受信者数" days={dayLabels} series={topics.map((t, i) => ({ name: t.name, color: COLORS[i % COLORS.length]!, values: t.points.map((p) => p.subscribers) }))} />
      </div>
    </>
  );
}
