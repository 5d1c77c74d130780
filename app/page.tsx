import Link from "next/link";

export default function Home() {
  return (
    <main className="mx-auto max-w-2xl px-6 py-16">
      <h1 className="text-std-32B-150">Yakuba（役場）</h1>
      <p className="mt-4">LINEの中の役場です。住民の方はLINE公式アカウントのメニューからご利用ください。</p>
      <ul className="mt-8 flex flex-col gap-3">
        <li>
          <Link href="/admin">職員の方: 管理画面へ</Link>
        </li>
      </ul>
    </main>
  );
}
