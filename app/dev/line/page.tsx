import Link from "next/link";
import { notFound } from "next/navigation";
import { desc, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { lineOutbox } from "@/db/schema/line";
import { devInboxEnabled, lineSimulatorControl } from "@/lib/line/dev";
import type { ChatEntry, SimUser } from "@/lib/line/simulator";
import { ensureInProcessWorker } from "@/lib/line/in-process";
import { DEMO_RESIDENTS } from "@/lib/residents/demo";
import { queueTestPush, sendSimulatedEvent } from "./actions";
import { AutoRefresh } from "./auto-refresh";

export const dynamic = "force-dynamic";
export const metadata = { title: "LINE 開発用受信箱", robots: { index: false } };

function textOf(message: unknown): string {
  const m = message as { type?: string; text?: string; altText?: string };
  return m.type === "text" ? (m.text ?? "") : `[${m.type ?? "message"}] ${m.altText ?? ""}`;
}

function describeEvent(event: Record<string, unknown>): string {
  switch (event.type) {
    case "follow":
      return "友だち追加しました";
    case "unfollow":
      return "ブロックしました";
    case "postback":
      return `ポストバック: ${(event.postback as { data?: string })?.data ?? ""}`;
    case "message":
      return (event.message as { text?: string })?.text ?? "";
    default:
      return String(event.type);
  }
}

const time = (at: number | Date) => new Date(at).toLocaleTimeString("ja-JP", { timeZone: "Asia/Tokyo" });

/** Development only: what each demo resident would see in LINE, and buttons that play LINE's webhook. */
export default async function DevLineInbox({ searchParams }: { searchParams: Promise<{ user?: string }> }) {
  if (!devInboxEnabled()) notFound();
  ensureInProcessWorker();
  const { user } = await searchParams;
  const demo = DEMO_RESIDENTS.find((r) => r.key === user) ?? DEMO_RESIDENTS[0]!;
  let chat: { user: SimUser | null; entries: ChatEntry[] } | null = null;
  let simulatorError: string | null = null;
  try {
    chat = await lineSimulatorControl("chat?userId=" + demo.lineUserId);
  } catch (error) {
    simulatorError = (error as Error).message;
  }
  const outbox = await (await getDb())
    .select()
    .from(lineOutbox)
    .where(sql`${demo.lineUserId} = any(${lineOutbox.recipients})`)
    .orderBy(desc(lineOutbox.createdAt))
    .limit(10);

  return (
    <main className="mx-auto grid max-w-[1100px] gap-6 p-6 text-std-16N-170 md:grid-cols-[240px_1fr_320px]">
      <AutoRefresh />
      <nav aria-label="デモ住民" className="flex flex-col gap-2">
        <h1 className="text-std-20B-150">LINE 受信箱（開発用）</h1>
        {DEMO_RESIDENTS.map((r) => (
          <Link key={r.key} href={`/dev/line?user=${r.key}`} aria-current={r.key === demo.key ? "page" : undefined} className={`rounded-8 px-3 py-2 ${r.key === demo.key ? "bg-blue-100 font-bold" : ""}`}>
            {r.filing.name}（{r.displayName}）
          </Link>
        ))}
        <Link href="/liff" className="mt-4">
          LIFF を開く →
        </Link>
      </nav>

      <section aria-label="トーク" className="flex min-h-[480px] flex-col gap-3 rounded-12 bg-[#8cabd9] p-4">
        {simulatorError ? <p role="alert" className="rounded-8 bg-white p-3">LINE シミュレーターに接続できません: {simulatorError}</p> : null}
        {chat?.entries.length === 0 ? <p className="text-white">まだメッセージはありません。</p> : null}
        {chat?.entries.map((entry, i) =>
          entry.from === "bot" ? (
            entry.messages.map((message, j) => (
              <div key={`${i}-${j}`} className="max-w-[80%] self-start whitespace-pre-wrap rounded-12 bg-white px-3 py-2">
                {textOf(message)}
                <span className="block text-right text-dns-14N-130 text-solid-gray-600">{time(entry.at)}</span>
              </div>
            ))
          ) : (
            <div key={i} className="max-w-[80%] self-end rounded-12 bg-[#a3e67b] px-3 py-2">
              {describeEvent(entry.event)}
              <span className="block text-right text-dns-14N-130 text-solid-gray-600">
                webhook {entry.webhookStatus ?? "送信失敗"} · {time(entry.at)}
              </span>
            </div>
          ),
        )}
      </section>

      <aside className="flex flex-col gap-4">
        <form action={sendSimulatedEvent} className="flex flex-col gap-2 rounded-12 border border-solid-gray-420 p-3">
          <h2 className="text-std-17B-170">署名付き Webhook を送る</h2>
          <input type="hidden" name="key" value={demo.key} />
          <label className="flex flex-col">
            種類
            <select name="type" className="min-h-11 rounded-8 border border-solid-gray-600 px-2">
              <option value="follow">follow（友だち追加）</option>
              <option value="unfollow">unfollow（ブロック）</option>
              <option value="postback">postback</option>
              <option value="message">message（テキスト）</option>
            </select>
          </label>
          <label className="flex flex-col">
            postback data
            <input name="data" defaultValue="action=open&open=/topics" className="min-h-11 rounded-8 border border-solid-gray-600 px-2" />
          </label>
          <label className="flex flex-col">
            テキスト
            <input name="text" defaultValue="こんにちは" className="min-h-11 rounded-8 border border-solid-gray-600 px-2" />
          </label>
          <label className="flex flex-col">
            署名
            <select name="signature" className="min-h-11 rounded-8 border border-solid-gray-600 px-2">
              <option value="valid">正しい署名</option>
              <option value="forged">偽の署名（401 になる）</option>
              <option value="missing">署名なし（401 になる）</option>
            </select>
          </label>
          <button type="submit" className="min-h-12 rounded-8 bg-blue-900 px-4 text-white">送信</button>
        </form>
        <form action={queueTestPush}>
          <input type="hidden" name="key" value={demo.key} />
          <button type="submit" className="min-h-12 w-full rounded-8 border-2 border-blue-900 px-4 text-blue-900">
            アウトボックス経由でテスト配信
          </button>
        </form>
        <section aria-label="アウトボックス">
          <h2 className="text-std-17B-170">アウトボックス（最新10件）</h2>
          <ul className="flex flex-col gap-1">
            {outbox.map((row) => (
              <li key={row.id} className="rounded-8 bg-solid-gray-50 px-2 py-1 text-dns-14N-130">
                {time(row.createdAt)} {row.kind} · <strong>{row.status}</strong> · 試行 {row.attempts}
                {row.lastHttpStatus ? ` · HTTP ${row.lastHttpStatus}` : ""} · {row.cause}
              </li>
            ))}
          </ul>
        </section>
      </aside>
    </main>
  );
}
