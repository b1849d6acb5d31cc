import type { DayUsage } from "@/db/queries/usage-reports";

const WIDTH = 600;
const HEIGHT = 150;
const AXIS = 18;

const shortDay = (day: string) => `${Number(day.slice(8, 10))}/${Number(day.slice(5, 7))}`;

/**
 * Images per day as bars (each bar's title says images and credits), with the same numbers as a
 * table for anyone who does not read charts: a small inline SVG, no chart library.
 */
export function DailyUsageChart({ days }: { days: DayUsage[] }) {
  const max = Math.max(1, ...days.map((d) => d.images));
  const slot = WIDTH / Math.max(1, days.length);
  const total = days.reduce((sum, d) => sum + d.images, 0);
  const plot = HEIGHT - AXIS;
  return (
    <figure className="space-y-2">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="h-auto w-full max-w-3xl"
        role="img"
        aria-label={`Images per day over the last ${days.length} days, ${total} in all.`}
      >
        <line x1="0" y1={plot} x2={WIDTH} y2={plot} stroke="#d4d4d8" />
        {days.map((d, index) => {
          const height = (d.images / max) * (plot - 12);
          return (
            <rect
              key={d.day}
              x={index * slot + 2}
              y={plot - height}
              width={slot - 4}
              height={height}
              rx="2"
              fill="#7c3aed"
            >
              <title>{`${d.day}: ${d.images} image${d.images === 1 ? "" : "s"}, ${d.credits} credits`}</title>
            </rect>
          );
        })}
        {days.map((d, index) => {
          const last = index === days.length - 1;
          if (index % 5 !== 0 && !last) return null;
          // The outermost labels align to the edges, so that they are not cut off.
          const anchor = index === 0 ? "start" : last ? "end" : "middle";
          const x = index === 0 ? 0 : last ? WIDTH : index * slot + slot / 2;
          return (
            <text key={d.day} x={x} y={HEIGHT - 4} fontSize="11" textAnchor={anchor} fill="#52525b">
              {shortDay(d.day)}
            </text>
          );
        })}
        <text x="2" y="10" fontSize="11" fill="#52525b">
          {max} max
        </text>
      </svg>
      <details className="text-sm">
        <summary className="cursor-pointer text-violet-700">Show as a table</summary>
        <table className="mt-2 text-left">
          <thead className="text-xs uppercase text-zinc-600">
            <tr>
              <th className="py-1 pr-4">Day</th>
              <th className="py-1 pr-4 text-right">Images</th>
              <th className="py-1 text-right">Credits</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day} className="border-t border-zinc-200">
                <td className="py-1 pr-4">{d.day}</td>
                <td className="py-1 pr-4 text-right">{d.images}</td>
                <td className="py-1 text-right">{d.credits}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
