import type { Executor } from "@/db";
import { departments } from "@/db/schema/departments";
import { topics } from "@/db/schema/segments";

/** The case study's topics (受信設定), each owned by the department that writes its messages. */
export const DEMO_TOPICS = [
  { department: "kosodate", icon: "👶", name: "子育て", nameEasy: "子ども・子育て", nameEn: "Child care", description: "乳幼児健診・予防接種・児童手当・保育園のお知らせ", descriptionEasy: "赤ちゃんの 健診、注射（よぼうせっしゅ）、手当、保育園の お知らせ", descriptionEn: "Infant check-ups, vaccinations, child allowance and nursery news", defaultOn: false },
  { department: "hoken-fukushi", icon: "🩺", name: "健康・検診", nameEasy: "けんこう・けんしん", nameEn: "Health & check-ups", description: "特定健診・がん検診の日程、予約開始、健康教室のお知らせ", descriptionEasy: "けんしんの 日、よやくの はじまり、けんこう教室の お知らせ", descriptionEn: "Health and cancer screening dates, booking openings and health classes", defaultOn: true },
  { department: "soumu-joho", icon: "🚨", name: "防災・防犯", nameEasy: "さいがい・あんぜん", nameEn: "Disaster & safety", description: "避難情報・気象警報・不審者情報・防災訓練のお知らせ", descriptionEasy: "にげる ときの 情報、大雨や 地震、あやしい 人の 情報", descriptionEn: "Evacuation notices, weather warnings, safety alerts and drills", defaultOn: true },
  { department: "machizukuri", icon: "🎉", name: "イベント", nameEasy: "イベント", nameEn: "Events", description: "まつり・講座・スポーツ大会など町のイベントのお知らせ", descriptionEasy: "まつりや 教室など 町の イベント", descriptionEn: "Festivals, classes and sports events in town", defaultOn: false },
  { department: "machizukuri", icon: "♻️", name: "ごみ・環境", nameEasy: "ごみ・かんきょう", nameEn: "Waste & environment", description: "ごみ収集日の変更・粗大ごみ・環境美化のお知らせ", descriptionEasy: "ごみを 出す 日の かわり、大きい ごみの 出しかた", descriptionEn: "Changes to collection days, bulky waste and clean-up days", defaultOn: false },
  { department: "machizukuri", icon: "💴", name: "給付・支援", nameEasy: "お金の 支援", nameEn: "Benefits & support", description: "給付金・支援制度の申請受付や締切のお知らせ", descriptionEasy: "お金の 支援の もうしこみと しめきり", descriptionEn: "Benefit and support programs: openings and deadlines", defaultOn: true },
] as const;

/** Idempotent: adds the demo topics that are missing (by department and name). */
export async function seedDemoTopics(tx: Executor): Promise<number> {
  const all = await tx.select({ id: departments.id, code: departments.code }).from(departments);
  const values = DEMO_TOPICS.flatMap(({ department, ...topic }, index) => {
    const departmentId = all.find((d) => d.code === department)?.id;
    return departmentId ? [{ ...topic, departmentId, sortOrder: (index + 1) * 10 }] : [];
  });
  if (values.length === 0) return 0;
  const rows = await tx.insert(topics).values(values).onConflictDoNothing({ target: [topics.departmentId, topics.name] }).returning({ id: topics.id });
  return rows.length;
}
