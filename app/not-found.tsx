import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-2xl px-6 py-16">
      <h1 className="text-std-28B-150">ページが見つかりません</h1>
      <p className="mt-4">URLが間違っているか、ページが移動または削除された可能性があります。</p>
      <p className="mt-6">
        <Link href="/">トップへ戻る</Link>
      </p>
    </main>
  );
}
