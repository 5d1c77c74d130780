import { redirect } from "next/navigation";

// The rich menu's 電子申請 tile: the list of live forms.
export default function Page() {
  redirect("/liff/forms");
}
