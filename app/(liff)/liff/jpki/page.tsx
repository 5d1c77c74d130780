import Link from "next/link";
import { viewVerificationOperation } from "@/lib/jpki/flow";
import { requireResidentPage, runAsCurrentResident } from "@/lib/residents/current";

export const dynamic = "force-dynamic";
export const metadata = { title: "本人確認" };

const RESULTS: Record<string, { tone: "ok" | "warn"; text: string }> = {
  verified: { tone: "ok", text: "本人確認が できました。（Identity confirmed.）" },
  user_cancelled: { tone: "warn", text: "本人確認を とちゅうで やめました。もう一度 できます。（You cancelled. You can try again.）" },
  card_locked: {
    tone: "warn",
    text: "マイナンバーカードが ロックされています。役場の 窓口で ロックを 解除してください。（Your card is locked. Please visit the town hall counter.）",
  },
  expired_request: { tone: "warn", text: "時間が たちすぎました。もう一度 はじめてください。（This took too long. Please start again.）" },
  unknown_request: { tone: "warn", text: "この 本人確認は もう 終わっているか、無効です。（This check is finished or invalid.）" },
  session: { tone: "warn", text: "LINE から もう一度 開いてください。（Please open this page again from LINE.）" },
  rate_limited: { tone: "warn", text: "少し 待ってから もう一度 お試しください。（Please wait a moment and try again.）" },
};
const FAILED = { tone: "warn" as const, text: "本人確認が できませんでした。もう一度 お試しください。（Verification failed. Please try again.）" };

const GENDER: Record<string, string> = { male: "男性", female: "女性" };

export default async function JpkiPage({ searchParams }: { searchParams: Promise<{ jpki?: string; purpose?: string }> }) {
  const { jpki, purpose: requested } = await searchParams;
  await requireResidentPage(requested ? `/liff/jpki?purpose=${encodeURIComponent(requested)}` : "/liff/jpki");
  const purpose = requested && /^[a-z][a-z0-9_-]*(:[A-Za-z0-9_-]{1,64})?$/.test(requested) ? requested : "identity";
  const result = jpki ? (RESULTS[jpki] ?? FAILED) : null;
  const viewed = jpki === "verified" ? await runAsCurrentResident(viewVerificationOperation, { purpose }) : null;
  const verification = viewed?.ok ? viewed.data : null;

  return (
    <>
      <h1 className="text-std-24B-150">マイナンバーカードで 本人確認</h1>
      <p>
        スマートフォンで マイナンバーカードを 読み取って、名前・住所・生年月日・性別を 確認します。マイナンバー（12けたの 番号）は 使いません。
        <span className="mt-2 block text-std-16N-170 text-solid-gray-700">
          We read your name, address, date of birth and sex from your My Number card. Your 12-digit number is never used.
        </span>
      </p>
      {result ? (
        <div role={result.tone === "ok" ? "status" : "alert"} className={`rounded-12 border-2 p-4 ${result.tone === "ok" ? "border-success-1 bg-green-50" : "border-warning-yellow-1 bg-yellow-50"}`}>
          {result.text}
        </div>
      ) : null}
      {verification ? (
        <dl className="grid grid-cols-[7em_1fr] gap-x-3 gap-y-2 rounded-12 bg-solid-gray-50 p-4 text-std-18N-160">
          <dt className="font-bold">名前</dt>
          <dd>{verification.name}</dd>
          <dt className="font-bold">住所</dt>
          <dd>{verification.address}</dd>
          <dt className="font-bold">生年月日</dt>
          <dd>{verification.birthdate}</dd>
          <dt className="font-bold">性別</dt>
          <dd>{GENDER[verification.gender] ?? verification.gender}</dd>
        </dl>
      ) : null}
      {jpki !== "verified" ? (
        <a
          href={`/api/jpki/start?${new URLSearchParams({ purpose, returnTo: `/liff/jpki?purpose=${purpose}` })}`}
          className="flex min-h-14 w-full items-center justify-center rounded-8 bg-blue-900 px-6 text-std-18B-160 text-white no-underline hover:bg-blue-1000"
        >
          本人確認を はじめる（Start）
        </a>
      ) : null}
      <Link href="/liff" className="text-std-18N-160">
        メニューに もどる（Back to menu）
      </Link>
    </>
  );
}
