import type { ReactNode } from "react";
import { BackToMenu, LinkButton, PRIMARY_BUTTON, StepHeader } from "@/components/liff/ui";
import { rubyFor } from "@/components/liff/furigana";
import { getResidentMessages, residentTitle } from "@/lib/i18n/resident";
import { isReferenceCodeProblem } from "@/lib/letters/reference-code";
import { loadStep, stepsOf } from "../../load";
import { birthYears, typedReference } from "../../without-card";

export const dynamic = "force-dynamic";
export const generateMetadata = residentTitle((t) => t.benefit.reference.metaTitle);

const numbered = (count: number): [number, string][] => Array.from({ length: count }, (_, i) => [i + 1, String(i + 1)]);

/** One part (year, month or day) of the head's birth date: a labelled select, nothing chosen at first. */
function DatePart({ id, name, label, invalid, options, chosen }: { id: string; name: string; label: ReactNode; invalid: boolean; options: [number, string][]; chosen?: string }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-std-16B-170">
        {label}
      </label>
      <select id={id} name={name} required defaultValue={options.some(([value]) => String(value) === chosen) ? chosen : ""} aria-invalid={invalid} className="min-h-14 rounded-8 border border-solid-gray-600 bg-white px-3 text-std-20N-150">
        <option value="" disabled>
          —
        </option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

export default async function BenefitReference({ params, searchParams }: { params: Promise<{ programId: string }>; searchParams: Promise<{ error?: string; ref?: string; by?: string; bm?: string; bd?: string }> }) {
  const { programId } = await params;
  const { program } = await loadStep(programId, `/liff/benefit/${programId}/reference`);
  const { locale, t } = await getResidentMessages();
  const r = rubyFor(locale);
  const m = t.benefit.reference;
  const w = m.withoutCard;
  // Without the card step, the code is required and the head's birth date goes with it.
  const withoutCard = !program.lineRequiresJpki;
  // Only a known code from the identity step shows a message, in our own words: the URL never supplies text.
  const { error: code, ref, by, bm, bd } = await searchParams;
  const codeError = isReferenceCodeProblem(code) ? m.errors[code] : withoutCard && code === "required" ? w.errors.required : null;
  const birthError = withoutCard && code === "birth_date" ? w.errors.birth_date : null;
  return (
    <>
      <StepHeader progress={r(t.common.step(2, stepsOf(program)))} title={r(withoutCard ? w.title : m.title)} />
      <p>{r(withoutCard ? w.intro : m.intro)}</p>
      <form method="get" action={`/liff/benefit/${program.id}/identity`} className="flex flex-col gap-4">
        <div className="flex flex-col gap-1">
          <label htmlFor="ref" className="text-std-18B-160">
            {r(m.label)}
          </label>
          <input
            id="ref"
            name="ref"
            inputMode="text"
            autoCapitalize="characters"
            autoComplete="off"
            defaultValue={typedReference(ref)}
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
            <legend className="mb-1 text-std-18B-160">{r(w.birthDate)}</legend>
            {birthError ? (
              <p id="born-error" className="text-std-16B-170 text-error-2">
                {birthError}
              </p>
            ) : null}
            <div className="flex flex-wrap items-end gap-3">
              <DatePart id="born-year" name="by" label={r(w.year)} invalid={Boolean(birthError)} options={birthYears().map((year) => [year, w.yearOption(year)])} chosen={by} />
              <DatePart id="born-month" name="bm" label={r(w.month)} invalid={Boolean(birthError)} options={numbered(12)} chosen={bm} />
              <DatePart id="born-day" name="bd" label={r(w.day)} invalid={Boolean(birthError)} options={numbered(31)} chosen={bd} />
            </div>
          </fieldset>
        ) : null}
        <button type="submit" className={PRIMARY_BUTTON}>
          {r(m.next)}
        </button>
      </form>
      {withoutCard ? null : (
        <LinkButton secondary href={`/liff/benefit/${program.id}/identity`}>
          {r(m.skip)}
        </LinkButton>
      )}
      <BackToMenu label={r(t.common.backToMenu)} />
    </>
  );
}
