/** A LINE chat as residents see it: the official account's bubbles on the left of the chat's blue-grey background. */
export function LinePreview({ text, imageUrl, imageAlt, buttonLabel, buttonPrompt, label }: { text: string; imageUrl?: string | null; imageAlt?: string | null; buttonLabel?: string | null; buttonPrompt: string; label: string }) {
  return (
    <figure className="flex flex-col gap-2">
      <figcaption className="text-std-16B-170">{label}</figcaption>
      <div className="flex min-h-48 w-full max-w-sm flex-col gap-2 rounded-12 bg-[#8cabd8] p-3">
        <div className="flex items-start gap-2">
          <span aria-hidden="true" className="flex size-9 shrink-0 items-center justify-center rounded-full bg-white text-std-16B-170">役</span>
          <div className="flex min-w-0 flex-col gap-2">
            <p className="whitespace-pre-wrap break-words rounded-[18px] rounded-tl-4 bg-white px-3 py-2 text-std-16N-170 text-solid-gray-900">{text || "（本文を入力すると、ここに表示されます）"}</p>
            {imageUrl ? (
              // eslint-disable-next-line @next/next/no-img-element -- staff-entered external image, shown as LINE shows it
              <img src={imageUrl} alt={imageAlt ?? ""} className="max-h-64 w-full rounded-12 bg-white object-cover" />
            ) : null}
            {buttonLabel ? (
              <div className="overflow-hidden rounded-12 bg-white">
                <p className="px-3 py-2 text-std-16N-170">{buttonPrompt}</p>
                <p className="border-t border-solid-gray-200 px-3 py-2 text-center text-std-16B-170 text-[#385a8f]">{buttonLabel}</p>
              </div>
            ) : null}
          </div>
        </div>
      </div>
    </figure>
  );
}
