import { JpkiView } from "@/components/liff/jpki-view";
import { getResidentMessages, residentTitle } from "@/lib/i18n/resident";
import { residentFailureText } from "@/lib/i18n/resident-errors";
import { viewVerificationOperation } from "@/lib/jpki/flow";
import { requireResidentPage, runAsCurrentResident } from "@/lib/residents/current";

export const dynamic = "force-dynamic";
export const generateMetadata = residentTitle((t) => t.jpki.metaTitle);

export default async function JpkiPage({ searchParams }: { searchParams: Promise<{ jpki?: string; purpose?: string }> }) {
  const { jpki, purpose: requested } = await searchParams;
  await requireResidentPage(requested ? `/liff/jpki?purpose=${encodeURIComponent(requested)}` : "/liff/jpki");
  const { locale, t } = await getResidentMessages();
  const purpose = requested && /^[a-z][a-z0-9_-]*(:[A-Za-z0-9_-]{1,64})?$/.test(requested) ? requested : "identity";
  const results = t.jpki.results;
  const viewed = jpki === "verified" ? await runAsCurrentResident(viewVerificationOperation, { purpose }) : null;
  const verification = viewed?.ok ? viewed.data : null;
  // "verified" in the URL is only a claim: without a valid record the page says why, not that it worked.
  const result = !jpki
    ? null
    : viewed && !viewed.ok
      ? { ok: false, ...residentFailureText(t, viewed) }
      : { ok: jpki === "verified", text: Object.hasOwn(results, jpki) ? results[jpki as keyof typeof results] : t.jpki.failed };
  return (
    <JpkiView
      locale={locale}
      t={t}
      result={result}
      verification={verification}
      startHref={jpki !== "verified" ? `/api/jpki/start?${new URLSearchParams({ purpose, returnTo: `/liff/jpki?purpose=${purpose}` })}` : null}
    />
  );
}
