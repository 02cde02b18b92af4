/** A small line of recent values, drawn as one SVG path (no chart library: cheap to redraw for days). */
export function Sparkline({ values, label }: { values: readonly (number | null)[]; label: string }) {
  const pts = values.map((v, i) => [i, v] as const).filter((p): p is readonly [number, number] => p[1] != null && Number.isFinite(p[1]));
  if (pts.length < 2) return <div className="wall-spark wall-spark--empty" aria-hidden="true" />;
  let lo = Infinity;
  let hi = -Infinity;
  for (const [, v] of pts) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const span = hi - lo || 1;
  const n = Math.max(1, values.length - 1);
  const d = pts.map(([i, v], k) => `${k ? 'L' : 'M'}${((i / n) * 100).toFixed(2)},${(36 - ((v - lo) / span) * 32).toFixed(2)}`).join('');
  return (
    <svg className="wall-spark" viewBox="0 0 100 40" preserveAspectRatio="none" role="img" aria-label={label}>
      <path d={d} fill="none" vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
