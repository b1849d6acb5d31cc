import { MAX_BATCH } from "@/lib/providers/types";

const COUNTS = Array.from({ length: MAX_BATCH }, (_, index) => index + 1);

/** How many variations one click makes: a radio group, so arrow keys move between the counts. */
export function VariationsPicker({ value, onChange }: { value: number; onChange: (count: number) => void }) {
  return (
    <fieldset>
      <legend className="mb-2 text-sm font-medium">Variations</legend>
      <div className="flex gap-2">
        {COUNTS.map((count) => (
          <label key={count} className="cursor-pointer">
            <input
              type="radio"
              name="variations"
              value={count}
              checked={value === count}
              onChange={() => onChange(count)}
              aria-label={count === 1 ? "1 image" : `${count} images`}
              className="peer sr-only"
            />
            <span
              aria-hidden="true"
              className="block w-10 rounded-lg border border-zinc-300 bg-white py-2 text-center text-sm peer-checked:border-violet-700 peer-checked:bg-violet-50 peer-checked:text-violet-800 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-violet-600"
            >
              {count}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
