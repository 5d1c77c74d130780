import Link from "next/link";
import { getConfig } from "@/lib/config/env";
import { simulatorToolsEnabled } from "@/lib/line/dev";
import { ensureInProcessWorker } from "@/lib/line/in-process";
import { redirect } from "next/navigation";
import { getCurrentResident, safeLiffPath } from "@/lib/residents/current";
import { DEMO_RESIDENTS } from "@/lib/residents/demo";
import { LiffSignIn } from "./liff-sign-in";

export const dynamic = "force-dynamic";

const MENU = [
  { href: "/liff/benefit", title: "物価高騰支援", easy: "お金の 支援を もうしこむ", en: "Price-relief grant" },
  { href: "/liff/apply", title: "電子申請", easy: "書類を たのむ・はらう", en: "Online applications" },
  { href: "/liff/booking", title: "予約", easy: "健診や 施設を よやく する", en: "Book a checkup or facility" },
  { href: "/liff/topics", title: "受信設定", easy: "ほしい お知らせを えらぶ", en: "Choose your topics" },
] as const;

const SCENARIO_LABELS: Record<string, string> = {
  ok: "本人確認：成功する",
  user_cancelled: "本人確認：とちゅうで やめる",
  card_locked: "本人確認：カードが ロック",
  information_differs: "本人確認：住所が ちがう",
};

export default async function LiffHome({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  ensureInProcessWorker();
  const resident = await getCurrentResident();
  const next = safeLiffPath((await searchParams).next);
  if (resident && next && next !== "/liff") redirect(next);
  if (!resident) {
    const config = getConfig();
    const mock = simulatorToolsEnabled();
    return (
      <>
        <h1 className="text-std-24B-150">役場 LINE</h1>
        <LiffSignIn
          liffId={config.LIFF_ID}
          mock={mock}
          demoResidents={mock ? DEMO_RESIDENTS.map((r) => ({ key: r.key, displayName: `${r.filing.name}（${r.displayName}）`, label: SCENARIO_LABELS[r.jpkiScenario] ?? "" })) : []}
        />
      </>
    );
  }
  return (
    <>
      <header className="flex flex-col gap-1">
        <h1 className="text-std-24B-150">役場 LINE</h1>
        <p className="text-std-16N-170 text-solid-gray-700">{resident.displayName ?? "LINE"} さん、こんにちは。（Hello.）</p>
      </header>
      <nav aria-label="メニュー">
        <ul className="grid grid-cols-1 gap-3">
          {MENU.map((item) => (
            <li key={item.href}>
              <Link
                href={item.href}
                className="flex min-h-16 flex-col justify-center rounded-12 border-2 border-blue-900 px-4 py-3 text-blue-900 no-underline hover:bg-blue-50"
              >
                <span className="text-std-20B-150">{item.title}</span>
                <span className="text-std-16N-170 text-solid-gray-700">
                  {item.easy}（{item.en}）
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Link href="/liff/jpki" className="text-std-18N-160">
        マイナンバーカードで 本人確認（Verify with My Number card）
      </Link>
    </>
  );
}
