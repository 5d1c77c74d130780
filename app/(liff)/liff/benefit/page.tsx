import Link from "next/link";
import { BackToMenu, Ja, LinkButton, StepHeader } from "@/components/liff/ui";
import { getDb } from "@/db";
import { rubyFor } from "@/components/liff/furigana";
import { getResidentMessages, residentTitle } from "@/lib/i18n/resident";
import { getProgramsOpenOnLine } from "@/lib/programs/queries";
import { programNameFor } from "@/lib/filings/resident-texts";
import { requireResidentPage } from "@/lib/residents/current";

export const dynamic = "force-dynamic";
export const generateMetadata = residentTitle((t) => t.benefit.list.metaTitle);

export default async function BenefitHome() {
  await requireResidentPage("/liff/benefit");
  const programs = await getProgramsOpenOnLine(await getDb());
  const { locale, t } = await getResidentMessages();
  const r = rubyFor(locale);
  const m = t.benefit.list;
  return (
    <>
      <StepHeader title={r(m.title)} />
      {programs.length === 0 ? (
        <p>{r(m.none)}</p>
      ) : (
        <ul className="flex flex-col gap-4">
          {programs.map((program) => (
            <li key={program.id} className="flex flex-col gap-3 rounded-12 border-2 border-solid-gray-200 p-4">
              <h2 className="text-std-20B-150">
                <Ja>{r(programNameFor(program, locale))}</Ja>
              </h2>
              <p>{r(m.summary(program.pointsPerPerson, program.filingClosesAt))}</p>
              <LinkButton href={`/liff/benefit/${program.id}`}>{r(m.apply)}</LinkButton>
            </li>
          ))}
        </ul>
      )}
      <Link href="/liff/benefit/status" className="text-std-18N-160">
        {r(m.seeStatus)}
      </Link>
      <BackToMenu label={r(t.common.backToMenu)} />
    </>
  );
}
