import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-2xl px-6 py-16">
      <h1 className="text-std-28B-150">このページを表示する権限がありません</h1>
      <p className="mt-4">
        担当の部署や権限によって、見られるページが決まっています。必要な場合は、部署管理者またはシステム管理者に権限の付与を依頼してください。
      </p>
      <p className="mt-6">
        <Link href="/admin">管理画面のホームへ戻る</Link>
      </p>
    </main>
  );
}
