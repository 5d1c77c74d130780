import { NotYetOnline } from "@/components/liff/not-yet-online";

export const metadata = { title: "予約" };

export default function Page() {
  return <NotYetOnline title="予約" en="Bookings" alternative="健診や 施設の 予約は、お電話か 窓口で お願いします。" />;
}
