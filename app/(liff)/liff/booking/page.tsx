import { redirect } from "next/navigation";

/** The old menu entry: bookings now live at /liff/reservations. */
export default function Page() {
  redirect("/liff/reservations");
}
