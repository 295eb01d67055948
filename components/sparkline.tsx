/**
 * A line over the history window, with optional marks. Twenty lines of SVG:
 * a chart library would add more JavaScript than the whole page for this.
 */
export function Sparkline({ points, marks = [], label, width = 160, height = 32 }: { points: { t: string; v: number }[]; marks?: number[]; label: string; width?: number; height?: number }) {
  if (points.length < 2) return <span className="text-xs text-zinc-500 dark:text-zinc-400">collecting history…</span>;
  const times = points.map((p) => Date.parse(p.t));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const top = Math.max(...points.map((p) => p.v), ...marks, 1);
  const x = (t: number) => (t1 === t0 ? width : ((t - t0) / (t1 - t0)) * width);
  const y = (v: number) => height - 2 - (v / top) * (height - 4);
  const path = points.map((p, i) => `${x(times[i]!).toFixed(1)},${y(p.v).toFixed(1)}`).join(" ");
  return (
    <svg role="img" aria-label={label} width={width} height={height} viewBox={`0 0 ${width} ${height}`} className="overflow-visible text-sky-600 dark:text-sky-400">
      {marks.map((mark) => (
        <line key={mark} x1={0} x2={width} y1={y(mark)} y2={y(mark)} className="stroke-zinc-300 dark:stroke-zinc-600" strokeDasharray="3 3" />
      ))}
      <polyline points={path} fill="none" stroke="currentColor" strokeWidth={1.5} />
    </svg>
  );
}
