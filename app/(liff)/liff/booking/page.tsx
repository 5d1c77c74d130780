import { NotYetOnline } from "@/components/liff/not-yet-online";
import { getResidentMessages, residentTitle } from "@/lib/i18n/resident";

export const generateMetadata = residentTitle((t) => t.notYetOnline.booking.title);

export default async function Page() {
  const { t } = await getResidentMessages();
  return <NotYetOnline service="booking" t={t} />;
}
