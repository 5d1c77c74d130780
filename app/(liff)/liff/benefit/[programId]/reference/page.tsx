import { BackToMenu, LinkButton, PRIMARY_BUTTON, StepHeader } from "@/components/liff/ui";
import { loadStep, STEPS } from "../../load";

export const dynamic = "force-dynamic";
export const metadata = { title: "照会番号" };

export default async function BenefitReference({ params, searchParams }: { params: Promise<{ programId: string }>; searchParams: Promise<{ error?: string }> }) {
  const { programId } = await params;
  const { program } = await loadStep(programId, `/liff/benefit/${programId}/reference`);
  const { error } = await searchParams;
  return (
    <>
      <StepHeader step={2} of={STEPS} title="お手紙の 照会番号（なくても だいじょうぶ）" en="Reference code from the letter (optional)" />
      <p>
        役場から とどいた お手紙に「照会番号」が あれば 入力してください。なければ「とばす」を おしてください。
        <span className="block text-std-16N-170 text-solid-gray-700">If your letter has a reference code, enter it. Otherwise, skip.</span>
      </p>
      <form method="get" action={`/liff/benefit/${program.id}/identity`} className="flex flex-col gap-4">
        <div className="flex flex-col gap-1">
          <label htmlFor="ref" className="text-std-18B-160">
            照会番号（例: 4KQ7-2HTM-W9XA）
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
          つぎへ（Next）
        </button>
      </form>
      <LinkButton secondary href={`/liff/benefit/${program.id}/identity`}>
        とばす（Skip）
      </LinkButton>
      <BackToMenu />
    </>
  );
}
