import { NotYetOnline } from "@/components/liff/not-yet-online";

export const metadata = { title: "受信設定" };

export default function Page() {
  return <NotYetOnline title="受信設定" en="Topic settings" alternative="いまは すべての お知らせが とどきます。" />;
}
