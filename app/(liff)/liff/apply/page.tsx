import { NotYetOnline } from "@/components/liff/not-yet-online";

export const metadata = { title: "電子申請" };

export default function Page() {
  return <NotYetOnline title="電子申請" en="Online applications" alternative="証明書の 請求などは、役場の 窓口で お手続きください。" />;
}
