import Link from "next/link";
import { BackToMenu, LinkButton, StepHeader } from "@/components/liff/ui";
import { getDb } from "@/db";
import { getProgramsOpenOnLine } from "@/lib/programs/queries";
import { requireResidentPage } from "@/lib/residents/current";

export const dynamic = "force-dynamic";
export const metadata = { title: "物価高騰支援" };

const dateJa = new Intl.DateTimeFormat("ja-JP-u-ca-japanese", { timeZone: "Asia/Tokyo", era: "long", year: "numeric", month: "long", day: "numeric" });

export default async function BenefitHome() {
  await requireResidentPage("/liff/benefit");
  const programs = await getProgramsOpenOnLine(await getDb());
  return (
    <>
      <StepHeader title="物価高騰支援の もうしこみ" en="Price-relief grant" />
      {programs.length === 0 ? (
        <p>いま LINEで もうしこめる 支援は ありません。（No grant is open for LINE filing now.）</p>
      ) : (
        <ul className="flex flex-col gap-4">
          {programs.map((program) => (
            <li key={program.id} className="flex flex-col gap-3 rounded-12 border-2 border-solid-gray-200 p-4">
              <h2 className="text-std-20B-150">{program.name}</h2>
              <p>
                世帯の 人数 × {program.pointsPerPerson.toLocaleString("ja-JP")}ポイント。{dateJa.format(program.filingClosesAt)}まで。
                <span className="block text-std-16N-170 text-solid-gray-700">
                  {program.pointsPerPerson.toLocaleString("en-US")} points per household member, until {program.filingClosesAt.toISOString().slice(0, 10)}.
                </span>
              </p>
              <LinkButton href={`/liff/benefit/${program.id}`}>もうしこむ（Apply）</LinkButton>
            </li>
          ))}
        </ul>
      )}
      <Link href="/liff/benefit/status" className="text-std-18N-160">
        もうしこみの じょうきょうを 見る（See your applications）
      </Link>
      <BackToMenu />
    </>
  );
}
