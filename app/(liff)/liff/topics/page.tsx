import { redirect } from "next/navigation";

/** The old address of 受信設定 (rich menus and messages already sent may still link here). */
export default function TopicsPage(): never {
  redirect("/liff/settings");
}
