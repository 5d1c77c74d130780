import { BackToMenu, LinkButton, PRIMARY_BUTTON, StepHeader } from "@/components/liff/ui";
import { getResidentMessages, residentTitle } from "@/lib/i18n/resident";
import { isReferenceCodeProblem } from "@/lib/letters/reference-code";
import { loadStep, stepsOf } from "../../load";
import { birthYears } from "../../without-card";

export const dynamic = "force-dynamic";
export const generateMetadata = residentTitle((t) => t.benefit.reference.metaTitle);

const SELECT = "min-h-14 rounded-8 border border-solid-gray-600 bg-white px-3 text-std-20N-150";

export default async function BenefitReference({ params, searchParams }: { params: Promise<{ programId: string }>; searchParams: Promise<{ error?: string }> }) {
  const { programId } = await params;
  const { program } = await loadStep(programId, `/liff/benefit/${programId}/reference`);
  const { t } = await getResidentMessages();
  const m = t.benefit.reference;
  const w = m.withoutCard;
  // Without the card step, the code is required and the head's birth date goes with it.
  const withoutCard = !program.lineRequiresJpki;
  // Only a known code from the identity step shows a message, in our own words: the URL never supplies text.
  const { error: code } = await searchParams;
  const codeError = isReferenceCodeProblem(code) ? m.errors[code] : withoutCard && code === "required" ? w.errors.required : null;
  const birthError = withoutCard && code === "birth_date" ? w.errors.birth_date : null;
  return (
    <>
      <StepHeader progress={t.common.step(2, stepsOf(program))} title={withoutCard ? w.title : m.title} />
      <p>{withoutCard ? w.intro : m.intro}</p>
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
            required={withoutCard}
            aria-describedby={codeError ? "ref-error" : undefined}
            aria-invalid={Boolean(codeError)}
            className="min-h-14 rounded-8 border border-solid-gray-600 px-4 text-std-20N-150 tracking-widest"
          />
          {codeError ? (
            <p id="ref-error" className="text-std-16B-170 text-error-2">
              {codeError}
            </p>
          ) : null}
        </div>
        {withoutCard ? (
          <fieldset className="flex flex-col gap-2" aria-describedby={birthError ? "born-error" : undefined}>
            <legend className="mb-1 text-std-18B-160">{w.birthDate}</legend>
            {birthError ? (
              <p id="born-error" className="text-std-16B-170 text-error-2">
                {birthError}
              </p>
            ) : null}
            <div className="flex flex-wrap items-end gap-3">
              <div className="flex flex-col gap-1">
                <label htmlFor="born-year" className="text-std-16B-170">
                  {w.year}
                </label>
                <select id="born-year" name="by" required defaultValue="" aria-invalid={Boolean(birthError)} className={SELECT}>
                  <option value="" disabled>
                    —
                  </option>
                  {birthYears().map((year) => (
                    <option key={year} value={year}>
                      {w.yearOption(year)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="flex flex-col gap-1">
                <label htmlFor="born-month" className="text-std-16B-170">
                  {w.month}
                </label>
                <select id="born-month" name="bm" required defaultValue="" aria-invalid={Boolean(birthError)} className={SELECT}>
                  <option value="" disabled>
                    —
                  </option>
                  {Array.from({ length: 12 }, (_, i) => (
                    <option key={i + 1} value={i + 1}>
                      {i + 1}
                    </option>
                  ))}
                </select>
              </div>
              <div className="flex flex-col gap-1">
                <label htmlFor="born-day" className="text-std-16B-170">
                  {w.day}
                </label>
                <select id="born-day" name="bd" required defaultValue="" aria-invalid={Boolean(birthError)} className={SELECT}>
                  <option value="" disabled>
                    —
                  </option>
                  {Array.from({ length: 31 }, (_, i) => (
                    <option key={i + 1} value={i + 1}>
                      {i + 1}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          </fieldset>
        ) : null}
        <button type="submit" className={PRIMARY_BUTTON}>
          {m.next}
        </button>
      </form>
      {withoutCard ? null : (
        <LinkButton secondary href={`/liff/benefit/${program.id}/identity`}>
          {m.skip}
        </LinkButton>
      )}
      <BackToMenu label={t.common.backToMenu} />
    </>
  );
}
