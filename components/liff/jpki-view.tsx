import Link from "next/link";
import type { ResidentLocale } from "@/lib/i18n/locale";
import type { ResidentMessages } from "@/lib/i18n/messages";
import { rubyFor } from "./furigana";

export type JpkiResult = { ok: boolean; text: string; lang?: "ja" };
export type JpkiVerificationView = { name: string; address: string; birthdate: string; gender: string };

/** The identity page's body: intro, the result, the verified 基本4情報, the start button; furigana in やさしい日本語. */
export function JpkiView({ locale, t, result, verification, startHref }: { locale: ResidentLocale; t: ResidentMessages; result: JpkiResult | null; verification: JpkiVerificationView | null; startHref: string | null }) {
  const r = rubyFor(locale);
  const gender = verification && Object.hasOwn(t.jpki.gender, verification.gender) ? r(t.jpki.gender[verification.gender as keyof typeof t.jpki.gender]) : verification?.gender;
  return (
    <>
      <h1 className="text-std-24B-150">{r(t.jpki.title)}</h1>
      <p>{r(t.jpki.intro)}</p>
      {result ? (
        <div role={result.ok ? "status" : "alert"} className={`rounded-12 border-2 p-4 ${result.ok ? "border-success-1 bg-green-50" : "border-warning-yellow-1 bg-yellow-50"}`}>
          {/* The server's own Japanese (lang="ja") is shown as it is. */}
          <span lang={result.lang}>{result.lang ? result.text : r(result.text)}</span>
        </div>
      ) : null}
      {verification ? (
        <dl className="grid grid-cols-[7em_1fr] gap-x-3 gap-y-2 rounded-12 bg-solid-gray-50 p-4 text-std-18N-160">
          <dt className="font-bold">{r(t.jpki.fields.name)}</dt>
          <dd lang="ja">{verification.name}</dd>
          <dt className="font-bold">{r(t.jpki.fields.address)}</dt>
          <dd lang="ja">{verification.address}</dd>
          <dt className="font-bold">{r(t.jpki.fields.birthdate)}</dt>
          <dd>{verification.birthdate}</dd>
          <dt className="font-bold">{r(t.jpki.fields.gender)}</dt>
          <dd>{gender}</dd>
        </dl>
      ) : null}
      {startHref ? (
        <a
          href={startHref}
          className="flex min-h-14 w-full items-center justify-center rounded-8 bg-blue-900 px-6 text-std-18B-160 text-white no-underline hover:bg-blue-1000"
        >
          {r(t.jpki.start)}
        </a>
      ) : null}
      <Link href="/liff" className="text-std-18N-160">
        {r(t.common.backToMenu)}
      </Link>
    </>
  );
}
