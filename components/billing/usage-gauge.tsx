const n = (value: number) => value.toLocaleString("en");

/** A half-circle gauge of credits used against a budget, readable by screen readers as one sentence. */
export function UsageGauge({ used, limit, label }: { used: number; limit: number; label: string }) {
  const fraction = limit === 0 ? 1 : Math.min(1, used / limit);
  const percent = Math.round(fraction * 100);
  const sentence = `${label}: ${n(used)} of ${n(limit)} credits used (${percent} %)`;
  const color = fraction >= 0.9 ? "#b91c1c" : fraction >= 0.75 ? "#b45309" : "#6d28d9";
  // One arc drawn twice: the track, and the same path dashed to the used fraction.
  const arc = "M 20 100 A 80 80 0 0 1 180 100";
  return (
    <figure className="inline-flex flex-col items-center">
      <svg viewBox="0 0 200 115" width="220" role="img" aria-label={sentence}>
        <path d={arc} fill="none" stroke="#e4e4e7" strokeWidth="16" strokeLinecap="round" />
        <path
          d={arc}
          fill="none"
          stroke={color}
          strokeWidth="16"
          strokeLinecap="round"
          pathLength={100}
          strokeDasharray={`${percent} 100`}
        />
        <text x="100" y="92" textAnchor="middle" fontSize="22" fontWeight="600" fill="#18181b">
          {percent} %
        </text>
      </svg>
      <figcaption className="text-sm text-zinc-700">
        {n(used)} of {n(limit)} credits
      </figcaption>
    </figure>
  );
}
