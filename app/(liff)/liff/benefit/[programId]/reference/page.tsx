import { BackToMenu, LinkButton, PRIMARY_BUTTON, StepHeader } from "@/components/liff/ui";
import { getResidentMessages, residentTitle } from "@/lib/i18n/resident";
import { isReferenceCodeProblem } from "@/lib/letters/reference-code";
import { loadStep, STEPS } from "../../load";

export const dynamic = "force-dynamic";
export const generateMetadata = residentTitle((t) => t.benefit.reference.metaTitle);

export default async function BenefitReference({ params, searchParams }: { params: Promise<{ programId: string }>; searchParams: Promise<{ error?: string }> }) {
  const { programId } = await params;
  const { program } = await loadStep(programId, `/liff/benefit/${programId}/reference`);
  const { t } = await getResidentMessages();
  const m = t.benefit.reference;
  // Only a known code from the identity step shows a message, in our own words: the URL never supplies text.
  const { error: code } = await searchParams;
  const error = isReferenceCodeProblem(code) ? m.errors[code] : null;
  return (
    <>
      <StepHeader progress={t.common.step(2, STEPS)} title={m.title} />
      <p>{m.intro}</p>
      <form method="get" action={`/liff/benefit/${program.id}/identity`} className="flex flex-col gap-4">
        <div className="flex flex-col gap-1">
          <label htmlFor="ref" className="text-std-18B-160">
            {m.label}
          </label>
          <input
            id="ref"
            name="ref"
            inputMode="text"
            autoCapitalize="characters"
            autoComplete="off"
            aria-describedby={error ? "ref-error" : undefined}
            aria-invalid={Boolean(error)}
            className="min-h-14 rounded-8 border border-solid-gray-600 px-4 text-std-20N-150 tracking-widest"
          />
          {error ? (
            <p id="ref-error" className="text-std-16B-170 text-error-2">
              {error}
            </p>
          ) : null}
        </div>
        <button type="submit" className={PRIMARY_BUTTON}>
          {m.next}
        </button>
      </form>
      <LinkButton secondary href={`/liff/benefit/${program.id}/identity`}>
        {m.skip}
      </LinkButton>
      <BackToMenu label={t.common.backToMenu} />
    </>
  );
}
