import Link from "next/link";
import { getResidentMessages, residentTitle } from "@/lib/i18n/resident";
import { residentFailureText } from "@/lib/i18n/resident-errors";
import { viewVerificationOperation } from "@/lib/jpki/flow";
import { requireResidentPage, runAsCurrentResident } from "@/lib/residents/current";

export const dynamic = "force-dynamic";
export const generateMetadata = residentTitle((t) => t.jpki.metaTitle);

export default async function JpkiPage({ searchParams }: { searchParams: Promise<{ jpki?: string; purpose?: string }> }) {
  const { jpki, purpose: requested } = await searchParams;
  await requireResidentPage(requested ? `/liff/jpki?purpose=${encodeURIComponent(requested)}` : "/liff/jpki");
  const { t } = await getResidentMessages();
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
  const gender = verification && Object.hasOwn(t.jpki.gender, verification.gender) ? t.jpki.gender[verification.gender as keyof typeof t.jpki.gender] : verification?.gender;

  return (
    <>
      <h1 className="text-std-24B-150">{t.jpki.title}</h1>
      <p>{t.jpki.intro}</p>
      {result ? (
        <div role={result.ok ? "status" : "alert"} className={`rounded-12 border-2 p-4 ${result.ok ? "border-success-1 bg-green-50" : "border-warning-yellow-1 bg-yellow-50"}`}>
          <span lang={"lang" in result ? result.lang : undefined}>{result.text}</span>
        </div>
      ) : null}
      {verification ? (
        <dl className="grid grid-cols-[7em_1fr] gap-x-3 gap-y-2 rounded-12 bg-solid-gray-50 p-4 text-std-18N-160">
          <dt className="font-bold">{t.jpki.fields.name}</dt>
          <dd lang="ja">{verification.name}</dd>
          <dt className="font-bold">{t.jpki.fields.address}</dt>
          <dd lang="ja">{verification.address}</dd>
          <dt className="font-bold">{t.jpki.fields.birthdate}</dt>
          <dd>{verification.birthdate}</dd>
          <dt className="font-bold">{t.jpki.fields.gender}</dt>
          <dd>{gender}</dd>
        </dl>
      ) : null}
      {jpki !== "verified" ? (
        <a
          href={`/api/jpki/start?${new URLSearchParams({ purpose, returnTo: `/liff/jpki?purpose=${purpose}` })}`}
          className="flex min-h-14 w-full items-center justify-center rounded-8 bg-blue-900 px-6 text-std-18B-160 text-white no-underline hover:bg-blue-1000"
        >
          {t.jpki.start}
        </a>
      ) : null}
      <Link href="/liff" className="text-std-18N-160">
        {t.common.backToMenu}
      </Link>
    </>
  );
}
