/** A small line chart in plain SVG: one line per series over the same days, with a table for screen readers. */
export function LineChart({ title, days, series }: { title: string; days: string[]; series: { name: string; color: string; values: number[] }[] }) {
  const width = 720;
  const height = 220;
  const pad = { left: 48, right: 12, top: 12, bottom: 28 };
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const x = (i: number) => pad.left + (days.length <= 1 ? 0 : (i * (width - pad.left - pad.right)) / (days.length - 1));
  const y = (v: number) => height - pad.bottom - (v * (height - pad.top - pad.bottom)) / max;
  const ticks = [0, Math.round(max / 2), max];
  return (
    <figure className="flex flex-col gap-2">
      <figcaption className="text-std-18B-160">{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} className="w-full max-w-3xl" role="img" aria-label={`${title}のグラフ（数値は下の表）`}>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={pad.left} x2={width - pad.right} y1={y(t)} y2={y(t)} stroke="#d9d9d9" />
            <text x={pad.left - 6} y={y(t) + 5} textAnchor="end" fontSize="14" fill="#4d4d4d">{t.toLocaleString("ja-JP")}</text>
          </g>
        ))}
        {[0, days.length - 1].filter((i, k, a) => i >= 0 && a.indexOf(i) === k).map((i) => (
          <text key={i} x={x(i)} y={height - 6} textAnchor={i === 0 ? "start" : "end"} fontSize="14" fill="#4d4d4d">{days[i]}</text>
        ))}
        {series.map((s) => (
          <polyline key={s.name} fill="none" stroke={s.color} strokeWidth="3" points={s.values.map((v, i) => `${x(i)},${y(v)}`).join(" ")} />
        ))}
      </svg>
      <ul className="flex flex-wrap gap-4 text-std-16N-170">
        {series.map((s) => (
          <li key={s.name} className="flex items-center gap-2"><span aria-hidden="true" className="inline-block h-1 w-6" style={{ background: s.color }} />{s.name}（最新 {(s.values.at(-1) ?? 0).toLocaleString("ja-JP")}）</li>
        ))}
      </ul>
      <details>
        <summary className="cursor-pointer text-std-16N-170">数値を表で見る</summary>
        <table className="mt-2 border-collapse text-std-16N-170">
          <thead><tr><th scope="col" className="p-1 text-left">日付</th>{series.map((s) => <th key={s.name} scope="col" className="p-1 text-right">{s.name}</th>)}</tr></thead>
          <tbody>{days.map((day, i) => <tr key={day}><th scope="row" className="p-1 text-left font-normal">{day}</th>{series.map((s) => <td key={s.name} className="p-1 text-right tabular-nums">{s.values[i]}</td>)}</tr>)}</tbody>
        </table>
      </details>
    </figure>
  );
}
