/** Stacked horizontal CSS bars for LINE and counter counts; the table below each chart carries the same numbers. */
export function ChannelBars({ rows, caption }: { rows: { label: string; line: number; counter: number }[]; caption: string }) {
  const max = Math.max(1, ...rows.map((r) => r.line + r.counter));
  return (
    <figure className="flex flex-col gap-3">
      <figcaption className="sr-only">{caption}（数値は下の表にあります）</figcaption>
      <div className="flex gap-4 text-std-16N-170" aria-hidden="true">
        <span className="inline-flex items-center gap-2">
          <span className="inline-block size-4 rounded-4 bg-green-700" />
          LINE
        </span>
        <span className="inline-flex items-center gap-2">
          <span className="inline-block size-4 rounded-4 bg-blue-900" />
          窓口
        </span>
      </div>
      <div aria-hidden="true" className="flex flex-col gap-1">
        {rows.map((r) => (
          <div key={r.label} className="grid grid-cols-[5rem_1fr_3rem] items-center gap-2 text-std-16N-170">
            <span className="text-right">{r.label}</span>
            <span className="flex h-5 overflow-hidden rounded-4 bg-solid-gray-50">
              <span className="bg-green-700" style={{ width: `${(r.line / max) * 100}%` }} />
              <span className="bg-blue-900" style={{ width: `${(r.counter / max) * 100}%` }} />
            </span>
            <span>{r.line + r.counter}</span>
          </div>
        ))}
      </div>
    </figure>
  );
}

export function CountTable({ rows, caption, labelHeader }: { rows: { label: string; line: number; counter: number }[]; caption: string; labelHeader: string }) {
  return (
    <details className="mt-2">
      <summary className="cursor-pointer text-std-16B-170 text-blue-1000">表で見る</summary>
      <table className="mt-2 w-full border-collapse text-left text-std-16N-170">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-solid-gray-200">
            <th scope="col" className="py-1 pr-4">
              {labelHeader}
            </th>
            <th scope="col" className="py-1 pr-4 text-right">
              LINE
            </th>
            <th scope="col" className="py-1 pr-4 text-right">
              窓口
            </th>
            <th scope="col" className="py-1 text-right">
              計
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label} className="border-b border-solid-gray-100">
              <th scope="row" className="py-1 pr-4 font-normal">
                {r.label}
              </th>
              <td className="py-1 pr-4 text-right">{r.line}</td>
              <td className="py-1 pr-4 text-right">{r.counter}</td>
              <td className="py-1 text-right">{r.line + r.counter}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
